using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ivr.Storage.Json.Internal;

/// <summary>
/// Decodes the escapes of a JSON string token that System.Text.Json has already checked for syntax. Unlike
/// <see cref="JsonElement.GetString"/> it keeps an unpaired <c>\ud800</c> as a lone char instead of throwing, so the
/// canonical writer can reject it with a message that names the location.
/// </summary>
internal static class JsonStringUnescaper
{
    /// <summary>The string value of a token's content (without quotes).</summary>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(content);
        }

        char[]? rented = null;
        var buffer = content.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(content.Length));
        try
        {
            return new string(buffer[..Unescape(content, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Unescapes <paramref name="content"/> into <paramref name="destination"/>, which needs at least
    /// <c>content.Length</c> chars (no JSON escape or UTF-8 sequence decodes to more chars than bytes).
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> content, Span<char> destination)
    {
        var written = 0;
        while (true)
        {
            var backslash = content.IndexOf((byte)'\\');
            var literal = backslash < 0 ? content : content[..backslash];
            written += Encoding.UTF8.GetChars(literal, destination[written..]);
            if (backslash < 0)
            {
                return written;
            }

            var kind = content[backslash + 1];
            if (kind == 'u')
            {
                destination[written++] = (char)int.Parse(content.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                content = content[(backslash + 6)..];
                continue;
            }

            destination[written++] = kind switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                _ => (char)kind, // '"', '\\' and '/' stand for themselves
            };
            content = content[(backslash + 2)..];
        }
    }
}
