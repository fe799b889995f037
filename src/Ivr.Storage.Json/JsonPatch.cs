using System.Text.Json.Nodes;
using Ivr.Storage.Json.Internal;

namespace Ivr.Storage.Json;

/// <summary>
/// RFC 6902 JSON Patch: <c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c> and <c>test</c>. The store
/// applies patches only as schema upcasters (data, never code: see the grains' SchemaUpcaster); the tests also apply
/// diffs (<see cref="JsonPatchDiff"/>) with it to check that a diff turns one version into the other. Its own tests are
/// in Ivr.Storage.Json.Tests.
/// </summary>
public static partial class JsonPatch
{
    private const string Field = "patch";

    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="document"/> and returns the copy;
    /// <paramref name="document"/> and <paramref name="patch"/> are never changed, so a failed patch leaves nothing half-applied.
    /// <see langword="null"/> stands for JSON <c>null</c>.
    /// </summary>
    /// <exception cref="JsonPayloadException">
    /// Field <c>patch</c>. <see cref="JsonPayloadErrorCode.InvalidPayload"/> when the patch itself is not a
    /// valid JSON Patch (an operation is not an object, has an unknown <c>op</c>, lacks <c>path</c>, <c>from</c> or
    /// <c>value</c>, or a pointer is not RFC 6901 syntax); <see cref="JsonPayloadErrorCode.InvalidOperation"/>
    /// when it cannot apply to this document (a location does not exist, an index is out of range, a <c>test</c>
    /// fails, or a value would move into itself). The message names the operation's index and path.
    /// </exception>
    public static JsonNode? Apply(JsonNode? document, JsonArray patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var root = document?.DeepClone();
        for (var index = 0; index < patch.Count; index++)
        {
            if (patch[index] is not JsonObject operation)
            {
                throw JsonErrors.Invalid(Field, $"Operation {index} of the patch is not a JSON object.");
            }

            root = ApplyOperation(root, operation, index);
        }

        return root;
    }

    private static JsonNode? ApplyOperation(JsonNode? root, JsonObject operation, int index)
    {
        var op = RequireString(operation, "op", index, op: null);
        var pathText = RequireString(operation, "path", index, op);
        var step = new Step(index, op, pathText);
        var path = ParsePointer(pathText, step, "path");
        switch (op)
        {
            case "add":
                return Add(root, path, RequireValue(operation, step), step);
            case "remove":
                return Remove(root, path, step, out _);
            case "replace":
                return Replace(root, path, RequireValue(operation, step), step);
            case "move":
            {
                var fromText = RequireString(operation, "from", index, op);
                var from = ParsePointer(fromText, step, "from");
                if (fromText == pathText)
                {
                    Get(root, from, step);
                    return root;
                }

                if (pathText.StartsWith(fromText + "/", StringComparison.Ordinal))
                {
                    throw step.CannotApply($"cannot move {fromText} into its own child");
                }

                root = Remove(root, from, step, out var moved);
                return Add(root, path, moved, step);
            }

            case "copy":
            {
                var from = ParsePointer(RequireString(operation, "from", index, op), step, "from");
                return Add(root, path, Get(root, from, step)?.DeepClone(), step);
            }

            case "test":
            {
                var expected = RequireValue(operation, step);
                var actual = Get(root, path, step);
                if (!JsonNode.DeepEquals(actual, expected))
                {
                    throw step.CannotApply(
                        $"test failed: the value is {JsonErrors.Printable(actual?.ToJsonString() ?? "null")}, not {JsonErrors.Printable(expected?.ToJsonString() ?? "null")}");
                }

                return root;
            }

            default:
                throw JsonErrors.Invalid(Field,
                    $"Operation {index} of the patch has op \"{JsonErrors.Printable(op)}\"; expected add, remove, replace, move, copy or test.");
        }
    }

    private static string RequireString(JsonObject operation, string member, int index, string? op)
    {
        if (operation.TryGetPropertyValue(member, out var node) && node is JsonValue value && value.TryGetValue(out string? text))
        {
            return text;
        }

        var which = op is null ? $"Operation {index}" : $"Operation {index} ({op})";
        throw JsonErrors.Invalid(Field, $"{which} of the patch needs a string member \"{member}\".");
    }

    private static JsonNode? RequireValue(JsonObject operation, Step step)
    {
        // "value": null is a real value, so presence is what counts.
        if (!operation.TryGetPropertyValue("value", out var value))
        {
            throw JsonErrors.Invalid(Field, $"Operation {step.Index} ({step.Op} {step.Path}) of the patch needs a \"value\" member.");
        }

        return value?.DeepClone();
    }

    private static string[] ParsePointer(string pointer, Step step, string member) =>
        TryParsePointer(pointer) ?? throw JsonErrors.Invalid(Field,
            $"Operation {step.Index} ({step.Op}) of the patch has {member} \"{JsonErrors.Printable(pointer)}\", which is not a JSON Pointer (RFC 6901): it must be empty or start with '/', and '~' must be followed by 0 or 1.");

    /// <summary>Which operation is running, for error messages.</summary>
    private readonly record struct Step(int Index, string Op, string Path)
    {
        public JsonPayloadException CannotApply(string reason) =>
            JsonErrors.CannotApply(Field, $"Operation {Index} ({Op} {JsonErrors.Printable(Path)}) of the patch cannot be applied: {reason}.");
    }
}
