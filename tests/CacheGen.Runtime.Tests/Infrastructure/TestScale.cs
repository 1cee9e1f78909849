namespace CacheGen.Tests.Infrastructure;

/// <summary>
/// Sizes of the randomized tests. The suite runs them at a size that keeps it fast; <c>CACHEGEN_TEST_SCALE=10</c>
/// (or any factor) runs them bigger, as the acceptance measurements in the docs did.
/// </summary>
public static class TestScale
{
    public static int Rounds(int suiteSize)
    {
        var factor = Environment.GetEnvironmentVariable("CACHEGEN_TEST_SCALE") is { Length: > 0 } text && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;
        return (int)Math.Max(1, suiteSize * factor);
    }
}
