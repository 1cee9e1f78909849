namespace CacheGen.Shared;

/// <summary>
/// What a key placeholder may contain: a parameter name or a dotted member path (<c>product.Category.Name</c>). One
/// definition, compiled as source into the runtime, the generator and the analyzers, so they cannot disagree.
/// </summary>
internal static class KeyPlaceholderPath
{
    public static bool IsValid(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0 || !(char.IsLetter(part[0]) || part[0] == '_' || part[0] == '@'))
            {
                return false;
            }

            for (var i = 1; i < part.Length; i++)
            {
                if (!char.IsLetterOrDigit(part[i]) && part[i] != '_')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
