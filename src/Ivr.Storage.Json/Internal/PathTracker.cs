using System.Text;

namespace Ivr.Storage.Json.Internal;

/// <summary>
/// The JSON Pointer of the value being visited, kept as a stack of segments so the happy path never
/// builds a string: the pointer is only formatted when an error message needs it.
/// </summary>
internal sealed class PathTracker
{
    private (string? Name, int Index)[] _segments = new (string?, int)[16];
    private int _count;

    public void PushName(string name)
    {
        Grow();
        _segments[_count++] = (name, -1);
    }

    public void PushIndex(int index)
    {
        Grow();
        _segments[_count++] = (null, index);
    }

    public void Pop() => _segments[--_count] = default;

    /// <summary>The current location as an RFC 6901 JSON Pointer; the root is shown as <c>/</c> for readability.</summary>
    public override string ToString()
    {
        if (_count == 0)
        {
            return "/ (the root)";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _count; i++)
        {
            var (name, index) = _segments[i];
            builder.Append('/');
            if (name is null)
            {
                builder.Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(JsonErrors.Printable(JsonPointer.Escape(name)));
            }
        }

        return builder.ToString();
    }

    /// <summary>The current location as an RFC 6901 JSON Pointer exactly (the root is the empty string).</summary>
    public string ToPointer() => _count == 0 ? string.Empty : ToString();

    private void Grow()
    {
        if (_count == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }
    }
}
