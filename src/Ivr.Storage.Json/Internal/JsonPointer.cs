namespace Ivr.Storage.Json.Internal;

/// <summary>RFC 6901 JSON Pointer escaping and parsing.</summary>
internal static class JsonPointer
{
    /// <summary>Escapes one reference token: <c>~</c> becomes <c>~0</c> and <c>/</c> becomes <c>~1</c>.</summary>
    public static string Escape(string token)
    {
        if (token.AsSpan().IndexOfAny('~', '/') < 0)
        {
            return token;
        }

        // '~' first: escaping '/' first would turn its "~1" into "~01".
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    public static string Append(string pointer, string token) => string.Concat(pointer, "/", Escape(token));

    public static string Append(string pointer, int index) =>
        string.Concat(pointer, "/", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Splits a pointer into unescaped tokens; <see langword="null"/> when the pointer is not valid RFC 6901.</summary>
    public static string[]? TryParse(string pointer)
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
    public static bool TryParseIndex(string token, out int index)
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
