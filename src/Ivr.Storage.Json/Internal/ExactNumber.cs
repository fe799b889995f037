namespace Ivr.Storage.Json.Internal;

/// <summary>
/// Decides whether a number as written keeps its value in canonical form (an IEEE-754 double printed the ECMAScript
/// way, RFC 8785). Two rules: an integer written as digits must lie within ±2^53, because beyond it neighbouring
/// integers share one double (9007199254740993 would be stored as ...992) and a producer sending 64-bit ids would see
/// some of them changed; any other number must denote exactly the same decimal value as its canonical form
/// (0.1 is kept as 0.1; 0.10000000000000001, 1e-400 and 123456789012345678.5 are not).
/// </summary>
internal static class ExactNumber
{
    /// <summary>2^53, the largest integer below which every integer has its own double.</summary>
    private static ReadOnlySpan<byte> SafeIntegerLimit => "9007199254740992"u8;

    /// <summary>A double never needs more than 17 significant digits to round-trip.</summary>
    private const int MaxSignificantDigits = 17;

    /// <summary>True when <paramref name="raw"/> is an integer written as digits whose magnitude exceeds 2^53.</summary>
    public static bool IsUnsafeInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == '-' ? raw[1..] : raw;
        if (digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        // JSON forbids leading zeros, so a longer digit string is a larger number.
        return digits.Length > SafeIntegerLimit.Length
            || (digits.Length == SafeIntegerLimit.Length && digits.SequenceCompareTo(SafeIntegerLimit) > 0);
    }

    /// <summary>True when the JSON numbers <paramref name="written"/> and <paramref name="canonical"/> denote the same decimal value.</summary>
    public static bool SameValue(ReadOnlySpan<byte> written, ReadOnlySpan<byte> canonical)
    {
        Span<byte> a = stackalloc byte[MaxSignificantDigits];
        Span<byte> b = stackalloc byte[MaxSignificantDigits];
        if (!TryDecompose(written, a, out var aNegative, out var aCount, out var aExponent)
            || !TryDecompose(canonical, b, out var bNegative, out var bCount, out var bExponent))
        {
            return false;
        }

        if (aCount == 0 || bCount == 0)
        {
            return aCount == bCount; // zero equals zero whatever its sign ("-0" is 0 in canonical form)
        }

        return aNegative == bNegative && aExponent == bExponent && a[..aCount].SequenceEqual(b[..bCount]);
    }

    /// <summary>
    /// Splits a JSON number into sign, significant digits (no leading or trailing zeros) and the power of ten of the
    /// last significant digit. False when it has more significant digits than any double prints.
    /// </summary>
    private static bool TryDecompose(ReadOnlySpan<byte> number, Span<byte> significant, out bool negative, out int count, out long exponent)
    {
        negative = number.Length > 0 && number[0] == '-';
        var body = negative ? number[1..] : number;
        var e = body.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e < 0 ? body : body[..e];
        exponent = e < 0 ? 0 : ParseExponent(body[(e + 1)..]);
        var point = mantissa.IndexOf((byte)'.');
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
        }

        count = 0;
        var pendingZeros = 0;
        foreach (var c in mantissa)
        {
            if (c == '.' || (c == '0' && count == 0))
            {
                continue; // the point, or a leading zero
            }

            if (c == '0')
            {
                pendingZeros++;
                continue;
            }

            if (count + pendingZeros + 1 > significant.Length)
            {
                return false;
            }

            significant.Slice(count, pendingZeros).Fill((byte)'0');
            count += pendingZeros;
            pendingZeros = 0;
            significant[count++] = c;
        }

        // Trailing zeros were not copied: each one moves the last significant digit a power of ten up.
        exponent += pendingZeros;
        return true;
    }

    /// <summary>The exponent part (with its optional sign), saturated far beyond any double's range.</summary>
    private static long ParseExponent(ReadOnlySpan<byte> text)
    {
        var sign = 1;
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            sign = text[0] == '-' ? -1 : 1;
            text = text[1..];
        }

        long value = 0;
        foreach (var c in text)
        {
            value = Math.Min(value * 10 + (c - '0'), 1_000_000_000L);
        }

        return sign * value;
    }
}
