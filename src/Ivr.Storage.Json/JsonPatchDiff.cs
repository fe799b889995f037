using System.Text.Json.Nodes;
using Ivr.Storage.Json.Internal;

namespace Ivr.Storage.Json;

/// <summary>Computes an RFC 6902 JSON Patch between two documents.</summary>
public static class JsonPatchDiff
{
    /// <summary>
    /// A patch that turns <paramref name="from"/> into <paramref name="to"/> when applied as RFC 6902 prescribes.
    /// Equal documents give an empty array. Neither input is changed.
    /// </summary>
    /// <remarks>
    /// Uses only <c>add</c>, <c>remove</c> and <c>replace</c>. Objects are diffed member by member; arrays element by
    /// element by index, then surplus elements are removed from the end (so earlier indexes stay valid) or new
    /// ones appended. It favours correctness and readability over the shortest possible patch: an element inserted
    /// at the front of an array shows up as a replace of every later element.
    /// </remarks>
    public static JsonArray Create(JsonNode? from, JsonNode? to)
    {
        var operations = new JsonArray();
        Diff(from, to, string.Empty, operations);
        return operations;
    }

    private static void Diff(JsonNode? from, JsonNode? to, string path, JsonArray operations)
    {
        if (from is JsonObject fromObject && to is JsonObject toObject)
        {
            foreach (var (name, _) in fromObject)
            {
                if (!toObject.ContainsKey(name))
                {
                    operations.Add(Operation("remove", JsonPointer.Append(path, name)));
                }
            }

            foreach (var (name, toValue) in toObject)
            {
                var memberPath = JsonPointer.Append(path, name);
                if (fromObject.TryGetPropertyValue(name, out var fromValue))
                {
                    Diff(fromValue, toValue, memberPath, operations);
                }
                else
                {
                    operations.Add(Operation("add", memberPath, toValue));
                }
            }
        }
        else if (from is JsonArray fromArray && to is JsonArray toArray)
        {
            var common = Math.Min(fromArray.Count, toArray.Count);
            for (var i = 0; i < common; i++)
            {
                Diff(fromArray[i], toArray[i], JsonPointer.Append(path, i), operations);
            }

            for (var i = fromArray.Count - 1; i >= toArray.Count; i--)
            {
                operations.Add(Operation("remove", JsonPointer.Append(path, i)));
            }

            for (var i = fromArray.Count; i < toArray.Count; i++)
            {
                operations.Add(Operation("add", JsonPointer.Append(path, i), toArray[i]));
            }
        }
        else if (!JsonNode.DeepEquals(from, to))
        {
            operations.Add(Operation("replace", path, to));
        }
    }

    private static JsonObject Operation(string op, string path) => new() { ["op"] = op, ["path"] = path };

    private static JsonObject Operation(string op, string path, JsonNode? value) =>
        new() { ["op"] = op, ["path"] = path, ["value"] = value?.DeepClone() };
}
