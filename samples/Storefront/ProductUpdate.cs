namespace Storefront;

/// <summary>The body of PUT /products/{id}: the fields to change.</summary>
public sealed record ProductUpdate(string? Name, decimal? Price);
