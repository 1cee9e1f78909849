namespace CacheGen.Generator;

/// <summary>Names of the pipeline steps, for cacheability tests.</summary>
public static class TrackingNames
{
    /// <summary>Methods with [Cached] and the decorator model of their class.</summary>
    public const string CachedMethods = nameof(CachedMethods);

    /// <summary>Methods with [InvalidatesCache] and the decorator model of their class.</summary>
    public const string InvalidatingMethods = nameof(InvalidatingMethods);

    /// <summary>Methods with [InvalidatesCacheTag] and the decorator model of their class.</summary>
    public const string TagInvalidatingMethods = nameof(TagInvalidatingMethods);

    /// <summary>One decorator model per class.</summary>
    public const string Decorators = nameof(Decorators);

    /// <summary>Files whose text mentions AddCached, the only ones searched for registrations of closed generic classes.</summary>
    public const string RegistrationFiles = nameof(RegistrationFiles);

    /// <summary>Closed generic implementations named in AddCached calls.</summary>
    public const string ClosedGenericRegistrations = nameof(ClosedGenericRegistrations);

    /// <summary>The C# language version.</summary>
    public const string LanguageVersion = nameof(LanguageVersion);
}
