using System;
using Microsoft.Extensions.Options;

namespace CacheGen.Internals;

/// <summary>
/// Validates <see cref="CacheGenOptions"/> for <c>ValidateOnStart</c>: the same checks the engine makes, reported when
/// the host starts, each naming the setting to change.
/// </summary>
internal sealed class CacheGenOptionsValidator : IValidateOptions<CacheGenOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheGenOptions options)
    {
        try
        {
            options.Validate();
            if (!string.IsNullOrWhiteSpace(options.Redis))
            {
                CacheEngine.ValidateRedisConfiguration(options.Redis);
            }

            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
