using Microsoft.EntityFrameworkCore;

namespace Storefront.Data;

/// <summary>A product; <see cref="LastSoldYear"/>/<see cref="LastSoldMonth"/> name the revenue report its price affects.</summary>
public sealed class Product
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public decimal Price { get; set; }

    public int LastSoldYear { get; set; }

    public int LastSoldMonth { get; set; }
}

/// <summary>One order line.</summary>
public sealed class Order
{
    public int Id { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }
}

/// <summary>The shop's SQLite database.</summary>
public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Order> Orders => Set<Order>();
}
