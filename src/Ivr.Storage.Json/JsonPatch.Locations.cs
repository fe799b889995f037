using System.Text.Json.Nodes;
using Ivr.Storage.Json.Internal;

namespace Ivr.Storage.Json;

/// <summary>Resolving JSON Pointers against the working copy and changing what they point at.</summary>
public static partial class JsonPatch
{
    private static JsonNode? Get(JsonNode? root, string[] path, Step step)
    {
        var node = root;
        foreach (var token in path)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var member) => member,
                JsonArray array when TryParseIndex(token, out var i) && i < array.Count => array[i],
                _ => throw step.CannotApply($"{Describe(path)} does not exist"),
            };
        }

        return node;
    }

    private static JsonNode? Add(JsonNode? root, string[] path, JsonNode? value, Step step)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var token = path[^1];
        switch (Parent(root, path, step))
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array:
                array.Insert(Index(array, token, path, step, allowEnd: true), value);
                break;
            default:
                throw step.CannotApply($"the parent of {Describe(path)} is not an object or array");
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string[] path, Step step, out JsonNode? removed)
    {
        if (path.Length == 0)
        {
            throw step.CannotApply("the whole document cannot be removed");
        }

        var token = path[^1];
        switch (Parent(root, path, step))
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out removed):
                obj.Remove(token);
                break;
            case JsonArray array:
                var i = Index(array, token, path, step, allowEnd: false);
                removed = array[i];
                array.RemoveAt(i);
                break;
            default:
                throw step.CannotApply($"{Describe(path)} does not exist");
        }

        return root;
    }

    private static JsonNode? Replace(JsonNode? root, string[] path, JsonNode? value, Step step)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var token = path[^1];
        switch (Parent(root, path, step))
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj[token] = value;
                break;
            case JsonArray array:
                array[Index(array, token, path, step, allowEnd: false)] = value;
                break;
            default:
                throw step.CannotApply($"{Describe(path)} does not exist");
        }

        return root;
    }

    private static JsonNode? Parent(JsonNode? root, string[] path, Step step) => Get(root, path[..^1], step);

    private static int Index(JsonArray array, string token, string[] path, Step step, bool allowEnd)
    {
        if (!TryParseIndex(token, out var index))
        {
            throw step.CannotApply($"\"{JsonErrors.Printable(token)}\" in {Describe(path)} is not an array index");
        }

        if (index > array.Count || (index == array.Count && !allowEnd))
        {
            throw step.CannotApply($"index {index} in {Describe(path)} is out of range; the array has {array.Count} elements");
        }

        return index;
    }

    private static string Describe(string[] path) =>
        path.Length == 0 ? "the document root" : JsonErrors.Printable(string.Concat(path.Select(t => "/" + JsonPointer.Escape(t))), 200);
}
