using System.Globalization;
using System.Text;

namespace Ivr.Storage.Json;

/// <summary>
/// Formats IEEE-754 doubles the way ECMAScript's <c>Number.prototype.toString()</c> does, which is the number
/// form RFC 8785 (JSON Canonicalization Scheme) requires.
/// </summary>
/// <remarks>
/// .NET's <c>"R"</c> format already yields the shortest digit string that round-trips (the same digits
/// ECMAScript picks); only the layout differs: ECMAScript writes plain decimals for exponents from -7 to 21
/// exclusive, and otherwise <c>d.ddde±x</c> with a lower-case <c>e</c> and an explicit sign.
/// </remarks>
public static class EcmaScriptNumber
{
    /// <summary>Longest possible output, e.g. <c>-0.0000012345678901234567</c> (25 bytes), rounded up.</summary>
    internal const int MaxLength = 32;

    /// <summary>Formats <paramref name="value"/>; <c>-0</c> becomes <c>0</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite, which JSON cannot hold.</exception>
    public static string Format(double value)
    {
        Span<byte> utf8 = stackalloc byte[MaxLength];
        var length = Write(value, utf8);
        return Encoding.ASCII.GetString(utf8[..length]);
    }

    /// <summary>Writes the ECMAScript form as ASCII into <paramref name="destination"/> (at least 32 bytes) and returns its length.</summary>
    internal static int Write(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON representation.");
        }

        if (value == 0)
        {
            // Covers -0 too: ECMAScript prints both as "0".
            destination[0] = (byte)'0';
            return 1;
        }

        Span<char> roundTrip = stackalloc char[MaxLength];
        if (!value.TryFormat(roundTrip, out var formattedLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Could not format {value} for canonical JSON.");
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        var (negative, significant, pointPosition) = Decompose(roundTrip[..formattedLength], digits);
        return Layout(negative, digits[significant], pointPosition, destination);
    }

    /// <summary>
    /// Splits .NET's round-trip text (<c>-1.5E-07</c>, <c>123.456</c>, <c>0.001</c>) into sign, significant digits
    /// without leading or trailing zeros, and n such that the value is 0.d1d2…dk × 10^n.
    /// </summary>
    private static (bool Negative, Range Digits, int PointPosition) Decompose(ReadOnlySpan<char> text, Span<byte> digits)
    {
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponentAt = text.IndexOfAny('E', 'e');
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];

        var total = 0;
        var integerDigits = -1;
        foreach (var c in mantissa)
        {
            if (c == '.')
            {
                integerDigits = total;
            }
            else
            {
                digits[total++] = (byte)c;
            }
        }

        var n = (integerDigits < 0 ? total : integerDigits) + exponent;

        // "0.001" has digits 0001: every leading zero dropped moves the point one place left.
        var start = 0;
        while (start < total - 1 && digits[start] == '0')
        {
            start++;
            n--;
        }

        var end = total;
        while (end > start + 1 && digits[end - 1] == '0')
        {
            end--;
        }

        return (negative, start..end, n);
    }

    /// <summary>ECMAScript Number::toString steps 6 to 10 (ECMA-262, section 6.1.6.1.20).</summary>
    private static int Layout(bool negative, ReadOnlySpan<byte> digits, int n, Span<byte> destination)
    {
        var k = digits.Length;
        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            digits.CopyTo(destination[at..]);
            at += k;
            destination.Slice(at, n - k).Fill((byte)'0');
            return at + n - k;
        }

        if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(destination[at..]);
            at += n;
            destination[at++] = (byte)'.';
            digits[n..].CopyTo(destination[at..]);
            return at + k - n;
        }

        if (-6 < n && n <= 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -n).Fill((byte)'0');
            at += -n;
            digits.CopyTo(destination[at..]);
            return at + k;
        }

        destination[at++] = digits[0];
        if (k > 1)
        {
            destination[at++] = (byte)'.';
            digits[1..].CopyTo(destination[at..]);
            at += k - 1;
        }

        destination[at++] = (byte)'e';
        var exponent = n - 1;
        destination[at++] = exponent < 0 ? (byte)'-' : (byte)'+';
        Span<char> exponentText = stackalloc char[4];
        Math.Abs(exponent).TryFormat(exponentText, out var written, default, CultureInfo.InvariantCulture);
        for (var i = 0; i < written; i++)
        {
            destination[at++] = (byte)exponentText[i];
        }

        return at;
    }
}
