namespace Ivr.Storage.Json;

/// <summary>Reading the RFC 6901 JSON Pointers of a patch (writing them is the library's <c>JsonPointer</c>).</summary>
public static partial class JsonPatch
{
    /// <summary>Splits a pointer into unescaped tokens; <see langword="null"/> when the pointer is not valid RFC 6901.</summary>
    private static string[]? TryParsePointer(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Contains('~', StringComparison.Ordinal))
            {
                if (!HasValidEscapes(part))
                {
                    return null;
                }

                // '~1' first: "~01" must become "~1", not "/".
                parts[i] = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            }
        }

        return parts;
    }

    /// <summary>An array index token per RFC 6901: <c>0</c> or digits without a leading zero.</summary>
    private static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        index = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static bool HasValidEscapes(string part)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '~' && (i + 1 == part.Length || part[i + 1] is not ('0' or '1')))
            {
                return false;
            }
        }

        return true;
    }
}
