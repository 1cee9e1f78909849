using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Storefront.Data;

/// <summary>Creates the database at first start: 200 products and 480,000 orders over 24 months.</summary>
public static class Seeder
{
    public const int Products = 200;
    public const int Orders = 480_000;
    public const int FirstYear = 2025;

    public static async Task EnsureSeededAsync(ShopDb db, Action<string> progress, CancellationToken ct = default)
    {
        await db.Database.EnsureCreatedAsync(ct);
        if (await db.Products.AnyAsync(ct))
        {
            return;
        }

        progress($"seeding {Products} products and {Orders:N0} orders (first start only)…");
        var random = new Random(2025);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO Products (Id, Name, Price, LastSoldYear, LastSoldMonth) VALUES ($id, $name, $price, $year, $month)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var price = insert.Parameters.Add("$price", SqliteType.Text);
            var year = insert.Parameters.Add("$year", SqliteType.Integer);
            var month = insert.Parameters.Add("$month", SqliteType.Integer);
            for (var p = 1; p <= Products; p++)
            {
                (id.Value, name.Value, price.Value) = (p, $"Product {p}", (5m + random.Next(1, 2000) / 10m).ToString(System.Globalization.CultureInfo.InvariantCulture));
                (year.Value, month.Value) = (FirstYear + 1, 12);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO Orders (ProductId, Quantity, Year, Month) VALUES ($product, $quantity, $year, $month)";
            var product = insert.Parameters.Add("$product", SqliteType.Integer);
            var quantity = insert.Parameters.Add("$quantity", SqliteType.Integer);
            var year = insert.Parameters.Add("$year", SqliteType.Integer);
            var month = insert.Parameters.Add("$month", SqliteType.Integer);
            for (var o = 0; o < Orders; o++)
            {
                var period = o % 24;
                (product.Value, quantity.Value, year.Value, month.Value) = (random.Next(1, Products + 1), random.Next(1, 5), FirstYear + (period / 12), (period % 12) + 1);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
    }
}
