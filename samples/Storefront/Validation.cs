namespace Storefront;

/// <summary>The sample's input rules, as the validation errors of a problem details response (field → messages).</summary>
public static class Validation
{
    /// <summary>The first year the shop has revenue for.</summary>
    public const int FirstYear = 2000;

    /// <summary>The highest price a product can be given.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>The longest product name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>A revenue report exists for a month from <see cref="FirstYear"/> to this year.</summary>
    public static Dictionary<string, string[]>? Revenue(int year, int month, int currentYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (year < FirstYear || year > currentYear)
        {
            errors["year"] = [$"The year must be from {FirstYear} to {currentYear}."];
        }

        if (month is < 1 or > 12)
        {
            errors["month"] = ["The month must be from 1 to 12."];
        }

        return errors.Count == 0 ? null : errors;
    }

    /// <summary>A price, when given, is positive and at most <see cref="MaxPrice"/>; a name, when given, is not blank and at most <see cref="MaxNameLength"/> characters.</summary>
    public static Dictionary<string, string[]>? Update(ProductUpdate update)
    {
        var errors = new Dictionary<string, string[]>();
        if (update.Price is { } price && (price <= 0 || price > MaxPrice))
        {
            errors["price"] = [$"The price must be more than 0 and at most {MaxPrice:N0}."];
        }

        if (update.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength))
        {
            errors["name"] = [$"The name must not be blank and must be at most {MaxNameLength} characters."];
        }

        if (update.Price is null && update.Name is null)
        {
            errors[""] = ["Give a price, a name or both."];
        }

        return errors.Count == 0 ? null : errors;
    }
}
