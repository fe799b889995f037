using System.Text;
using System.Text.Json.Nodes;

namespace Ivr.Storage.Json;

/// <summary>
/// A validated JSON object in RFC 8785 canonical form. Two payloads with the same meaning have identical
/// <see cref="Utf8"/> bytes, so the bytes can be hashed and compared directly.
/// </summary>
public sealed class CanonicalPayload
{
    private readonly byte[] _utf8;
    private string? _json;

    internal CanonicalPayload(byte[] utf8) => _utf8 = utf8;

    /// <summary>The canonical UTF-8 bytes (no byte order mark).</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>The size of <see cref="Utf8"/> in bytes.</summary>
    public int ByteCount => _utf8.Length;

    /// <summary>The canonical text; decoded from <see cref="Utf8"/> on first use.</summary>
    public string Json => _json ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>A new, independently mutable <see cref="JsonObject"/> holding this payload, e.g. to apply a patch to it.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(_utf8)!.AsObject();

    /// <inheritdoc />
    public override string ToString() => Json;
}
