using System.Buffers;
using System.Text;

namespace Ivr.Storage.Json.Internal;

/// <summary>
/// Writes RFC 8785 canonical JSON: sorted members, no whitespace, minimal string escapes, ECMAScript numbers.
/// One instance serves one document; the partial files add the <see cref="JsonElement"/> and
/// <see cref="System.Text.Json.Nodes.JsonNode"/> walks. With <paramref name="exactNumbers"/> a number whose canonical
/// form would change its value is refused (<see cref="ExactNumber"/>) instead of rounded.
/// </summary>
internal sealed partial class CanonicalWriter(IBufferWriter<byte> output, string field, int maxDepth, bool exactNumbers = false)
{
    /// <summary>Characters a string cannot copy verbatim: the two JSON specials, controls, and surrogates (checked for pairing).</summary>
    private static readonly SearchValues<char> SpecialChars = SearchValues.Create(BuildSpecialChars());

    private readonly PathTracker _path = new();

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private void WriteNumber(double value)
    {
        var span = output.GetSpan(EcmaScriptNumber.MaxLength);
        output.Advance(EcmaScriptNumber.Write(value, span));
    }

    /// <summary>Throws when a container at nesting level <paramref name="level"/> (the root container is level 1) is too deep.</summary>
    private void CheckDepth(int level)
    {
        if (level > maxDepth)
        {
            throw JsonErrors.Invalid(field, $"The {field} is nested more than {maxDepth} levels deep (at {_path}); flatten it or raise the depth limit.");
        }
    }

    /// <summary>Writes a string with exactly the RFC 8785 escapes; everything else is literal UTF-8.</summary>
    private void WriteString(ReadOnlySpan<char> value)
    {
        WriteByte((byte)'"');
        while (!value.IsEmpty)
        {
            var special = value.IndexOfAny(SpecialChars);
            var run = special < 0 ? value : value[..special];
            if (!run.IsEmpty)
            {
                var length = Encoding.UTF8.GetByteCount(run);
                Encoding.UTF8.GetBytes(run, output.GetSpan(length));
                output.Advance(length);
            }

            if (special < 0)
            {
                break;
            }

            var c = value[special];
            if (char.IsHighSurrogate(c) && special + 1 < value.Length && char.IsLowSurrogate(value[special + 1]))
            {
                var rune = new Rune(c, value[special + 1]);
                output.Advance(rune.EncodeToUtf8(output.GetSpan(4)));
                value = value[(special + 2)..];
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw JsonErrors.Invalid(field,
                    $"The string at {_path} contains an unpaired UTF-16 surrogate (\\u{(int)c:x4}); canonical JSON is UTF-8 and cannot hold it.");
            }

            WriteEscape(c);
            value = value[(special + 1)..];
        }

        WriteByte((byte)'"');
    }

    private void WriteEscape(char c)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => (byte)0,
        };

        if (shortForm != 0)
        {
            span[1] = shortForm;
            output.Advance(2);
            return;
        }

        // Only U+0000..U+001F get here; RFC 8785 wants lower-case hex.
        span[1] = (byte)'u';
        span[2] = (byte)'0';
        span[3] = (byte)'0';
        span[4] = (byte)"0123456789abcdef"[c >> 4];
        span[5] = (byte)"0123456789abcdef"[c & 0xF];
        output.Advance(6);
    }

    private static string BuildSpecialChars()
    {
        var builder = new StringBuilder(0x20 + 2 + 0x800);
        for (var c = '\0'; c < ' '; c++)
        {
            builder.Append(c);
        }

        builder.Append('"').Append('\\');
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            builder.Append(c);
        }

        return builder.ToString();
    }
}
