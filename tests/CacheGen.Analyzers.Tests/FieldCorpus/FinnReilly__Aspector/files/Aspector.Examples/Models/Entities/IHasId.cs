namespace Aspector.Examples.Models.Entities
{
    public interface IHasId
    {
        int Id { get; set; }
    }
}
