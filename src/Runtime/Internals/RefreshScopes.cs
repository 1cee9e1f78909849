using System;
using Microsoft.Extensions.DependencyInjection;

namespace CacheGen.Internals;

/// <summary>
/// What generated decorators get as their service provider: it serves only the root's <see cref="IServiceScopeFactory"/>,
/// so a background refresh opens a scope of its own even after the request's scope that created the decorator was
/// disposed. A singleton, so its factory is the root's.
/// </summary>
internal sealed class RefreshScopes(IServiceScopeFactory scopes) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(IServiceScopeFactory) ? scopes : null;
}
