namespace LinkDotNet.Blog.Domain;

public abstract class Entity
{
    public string Id { get; set; } = default!;
}
