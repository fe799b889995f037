using System.Text.Json.Nodes;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// A schema version's upcaster from the previous version: RFC 6902 JSON Patch operations kept in the definition as
/// data (<c>"upcast":[…]</c>), applied with <see cref="JsonPatch"/>. Nothing from a request is ever run as code; the
/// operations are limited to reshaping (<c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c>) below
/// the root, so the result stays an object.
/// </summary>
internal static class SchemaUpcaster
{
    /// <summary>The most operations one upcaster may hold: 256.</summary>
    public const int MaxOperations = 256;

    private static readonly HashSet<string> Operations = new(StringComparer.Ordinal) { "add", "remove", "replace", "move", "copy" };

    private static readonly HashSet<string> Members = new(StringComparer.Ordinal) { "op", "path", "from", "value" };

    /// <summary>Checks the shape of an upcaster; refusals are <see cref="SchemaGuard.Refuse"/> errors at <c>/upcast/…</c>.</summary>
    public static JsonArray Check(JsonNode? upcast)
    {
        if (upcast is not JsonArray operations || operations.Count > MaxOperations)
        {
            throw SchemaGuard.Refuse("/upcast", $"\"upcast\" is an array of at most {MaxOperations} JSON Patch operations (RFC 6902).");
        }

        for (var index = 0; index < operations.Count; index++)
        {
            var at = $"/upcast/{index}";
            if (operations[index] is not JsonObject operation || operation.Any(member => !Members.Contains(member.Key)))
            {
                throw SchemaGuard.Refuse(at, "an operation is an object with \"op\", \"path\" and, as its op needs, \"from\" or \"value\".");
            }

            var op = Text(operation, "op");
            if (op is null || !Operations.Contains(op))
            {
                throw SchemaGuard.Refuse(at, "an upcaster's op is add, remove, replace, move or copy.");
            }

            if (Text(operation, "path") is not { } path || !path.StartsWith('/'))
            {
                throw SchemaGuard.Refuse(at + "/path", "\"path\" is a JSON Pointer below the root (it starts with '/').");
            }

            if (op is "move" or "copy" && (Text(operation, "from") is not { } from || !from.StartsWith('/')))
            {
                throw SchemaGuard.Refuse(at + "/from", $"{op} needs \"from\", a JSON Pointer below the root.");
            }

            if (op is "add" or "replace" && !operation.ContainsKey("value"))
            {
                throw SchemaGuard.Refuse(at, $"{op} needs a \"value\".");
            }
        }

        return operations;
    }

    /// <summary>
    /// <paramref name="payload"/> (canonical JSON) after each upcaster of <paramref name="chain"/>, in order, as
    /// canonical JSON; the stored payload is not changed.
    /// </summary>
    /// <exception cref="JsonPayloadException">An operation does not fit the document (a <c>move</c> from a missing member), or the result exceeds the payload limits.</exception>
    public static string Apply(string payload, IReadOnlyList<JsonArray> chain)
    {
        if (chain.Count == 0)
        {
            return payload;
        }

        var document = JsonNode.Parse(payload);
        foreach (var upcaster in chain)
        {
            document = JsonPatch.Apply(document, upcaster);
        }

        // Operations below the root never replace the root, so the document is still an object.
        return JsonPayload.FromObject(document!.AsObject()).Json;
    }

    private static string? Text(JsonObject operation, string member) =>
        operation[member] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
