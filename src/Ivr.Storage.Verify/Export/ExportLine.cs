using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ivr.Storage.Json;

namespace Ivr.Storage.Verify.Export;

/// <summary>
/// One version line of an export (GET /export): the version as history returns it (with its payload), its leaf index and
/// inclusion path. <see cref="ContentHash"/> is recomputed here from the line's content, never taken from it.
/// </summary>
internal sealed record ExportLine(string Type, string Id, long Version, byte[] PreviousHash, byte[] Hash, byte[] ContentHash, long LeafIndex, IReadOnlyList<byte[]> Path)
{
    /// <exception cref="FormatException">Not a version line: the message names the field.</exception>
    public static ExportLine Parse(JsonObject line)
    {
        try
        {
            var previous = Convert.FromHexString(line["previousHash"]!.GetValue<string>());
            return new ExportLine(
                line["type"]!.GetValue<string>(),
                line["id"]!.GetValue<string>(),
                line["version"]!.GetValue<long>(),
                previous,
                Convert.FromHexString(line["hash"]!.GetValue<string>()),
                ContentHashOf(line, previous),
                line["leafIndex"]!.GetValue<long>(),
                [.. line["path"]!.AsArray().Select(p => Convert.FromHexString(p!.GetValue<string>()))]);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or System.Text.Json.JsonException or JsonPayloadException)
        {
            throw new FormatException($"Not a version line: {e.Message}", e);
        }
    }

    public override string ToString() => $"{Type}/{Id} v{Version}";

    /// <summary>
    /// The journal's chain hash (src/Ivr.Storage.Journal/README.md, "Hashing"):
    /// <c>SHA-256(previous ‖ canonical metadata ‖ SHA-256(canonical payload))</c>, absent metadata left out.
    /// </summary>
    private static byte[] ContentHashOf(JsonObject line, byte[] previous)
    {
        var provenance = line["provenance"]!.AsObject();
        var metadata = new JsonObject
        {
            ["type"] = line["type"]!.GetValue<string>(),
            ["id"] = line["id"]!.GetValue<string>(),
            ["version"] = line["version"]!.GetValue<long>(),
            ["kind"] = line["kind"]!.GetValue<string>().ToLowerInvariant(),
            ["committedAt"] = DateTimeOffset.Parse(line["committedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)
                .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["source"] = provenance["source"]!.GetValue<string>(),
        };
        foreach (var name in new[] { "correlationId", "causationId", "actor", "reason" })
        {
            CopyIfPresent(provenance, name, metadata);
        }

        CopyIfPresent(line, "idempotencyKey", metadata);
        if (line["schemaVersion"] is JsonValue schemaVersion)
        {
            metadata["schemaVersion"] = schemaVersion.GetValue<int>();
        }

        if (line["tags"] is JsonObject { Count: > 0 } tags)
        {
            metadata["tags"] = tags.DeepClone();
        }

        var payload = line["payload"] is { } node ? CanonicalJson.Serialize(node) : Encoding.UTF8.GetBytes("null");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        hash.AppendData(CanonicalJson.Serialize(metadata));
        hash.AppendData(SHA256.HashData(payload));
        return hash.GetHashAndReset();
    }

    private static void CopyIfPresent(JsonObject from, string name, JsonObject to)
    {
        if (from[name] is JsonValue value)
        {
            to[name] = value.GetValue<string>();
        }
    }
}
