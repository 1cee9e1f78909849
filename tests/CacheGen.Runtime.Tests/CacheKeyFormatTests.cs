using System.Globalization;

namespace CacheGen.Tests;

public sealed class CacheKeyFormatTests
{
    [Fact]
    public void Values_are_formatted_with_the_invariant_culture_whatever_the_current_one()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1234.5", CacheKeyFormat.Format(1234.5m));
            Assert.Equal("0.1", CacheKeyFormat.Format(0.1d));
            Assert.Equal("-42", CacheKeyFormat.Format(-42));
            Assert.Equal("true", CacheKeyFormat.Format(true));
            Assert.Equal("2024-05-06", CacheKeyFormat.Format(new DateOnly(2024, 5, 6)));
            Assert.Equal("2024-05-06T07:08:09.0000000Z", CacheKeyFormat.Format(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)));
            Assert.Equal("2024-05-06T07:08:09.0000000+02:00", CacheKeyFormat.Format(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))));
            Assert.Equal("07:08:09.0000000", CacheKeyFormat.Format(new TimeOnly(7, 8, 9)));
            Assert.Equal("1.02:03:04", CacheKeyFormat.Format(new TimeSpan(1, 2, 3, 4)));
            Assert.Equal("00000000-0000-0000-0000-000000000001", CacheKeyFormat.Format(Guid.Parse("00000000-0000-0000-0000-000000000001")));
            Assert.Null(CacheKeyFormat.Format((int?)null));
            Assert.Equal("7", CacheKeyFormat.Format((int?)7));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Doubles_round_trip()
    {
        foreach (var value in new[] { 0.1, 1.0 / 3, double.MaxValue, double.Epsilon, -0.0 })
        {
            Assert.Equal(value, double.Parse(CacheKeyFormat.Format(value), CultureInfo.InvariantCulture));
        }
    }
}
