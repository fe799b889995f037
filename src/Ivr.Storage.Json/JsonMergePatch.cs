using System.Text.Json.Nodes;

namespace Ivr.Storage.Json;

/// <summary>RFC 7396 JSON Merge Patch.</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="target"/> and returns the result as a new node; neither
    /// input is changed. <see langword="null"/> stands for JSON <c>null</c>.
    /// </summary>
    /// <remarks>
    /// Per RFC 7396: a non-object patch replaces the target; an object patch turns a non-object target into
    /// <c>{}</c>, removes members whose patch value is <c>null</c> and merges the others recursively.
    /// Array values are replaced, never merged.
    /// </remarks>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject)
        {
            return patch?.DeepClone();
        }

        // Clone once, then merge in place: cloning at every level would copy deep targets once per level.
        return MergeInto(target is JsonObject ? target.DeepClone() : null, patch);
    }

    /// <summary>RFC 7396 MergePatch on a target this class owns and may mutate.</summary>
    private static JsonNode? MergeInto(JsonNode? owned, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = owned as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (IsNull(value))
            {
                result.Remove(name);
            }
            else if (value is JsonObject && result.TryGetPropertyValue(name, out var existing) && existing is JsonObject)
            {
                MergeInto(existing, value);
            }
            else
            {
                result[name] = MergeInto(null, value);
            }
        }

        return result;
    }

    /// <summary>JSON null can be a C# null or, for nodes built from a <see cref="JsonElement"/>, a value of kind Null.</summary>
    internal static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;
}
