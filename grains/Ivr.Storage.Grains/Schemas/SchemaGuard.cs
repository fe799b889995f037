using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Refuses schema constructs this store will not evaluate: a reference outside the schema (nothing is ever fetched
/// over the network), a dialect other than 2020-12, embedded resources, <c>patternProperties</c> (its regular
/// expressions would run in the library's backtracking engine) and patterns the linear-time engine cannot run.
/// Size and depth are bounded before this walk (<see cref="SchemaDefinition"/>); <c>$ref</c> loops are refused by
/// the library when the schema is built.
/// </summary>
internal static class SchemaGuard
{
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Keywords whose values are data, not schemas: nothing in them is a reference or a pattern.</summary>
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "const", "enum", "default", "examples" };

    public static void Check(JsonElement schema) => Walk(schema, schema, "/schema", root: true);

    private static void Walk(JsonElement schema, JsonElement node, string pointer, bool root)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(schema, item, $"{pointer}/{index++}", root: false);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in node.EnumerateObject())
        {
            var at = $"{pointer}/{member.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
            if (DataKeywords.Contains(member.Name))
            {
                continue;
            }

            CheckKeyword(schema, member.Name, member.Value, at, root);
            Walk(schema, member.Value, at, root: false);
        }
    }

    private static void CheckKeyword(JsonElement schema, string name, JsonElement value, string at, bool root)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        switch (name)
        {
            case "$ref" or "$dynamicRef" when text is not null && !text.StartsWith('#'):
                throw Refuse(at, $"The reference '{Short(text)}' points outside the schema; this store never fetches schemas. Put the definition under $defs and refer to it as #/$defs/….");
            case "$ref" when text is not null && text.StartsWith("#/", StringComparison.Ordinal) && !Resolves(schema, text):
                throw Refuse(at, $"The reference '{Short(text)}' points at nothing in the schema.");
            case "$schema" when text is not null && (!root || text != Draft202012):
                throw Refuse(at, $"Only JSON Schema draft 2020-12 ({Draft202012}) is supported, and only at the root.");
            case "$id" when text is not null && !root:
                throw Refuse(at, "Embedded schema resources ($id below the root) are not supported; use $defs.");
            case "patternProperties" when value.ValueKind == JsonValueKind.Object:
                throw Refuse(at, "patternProperties is not supported: its regular expressions would run with backtracking. Use propertyNames with a pattern, or list the properties.");
            case "pattern" when text is not null:
                CheckPattern(text, at);
                break;
        }
    }

    /// <summary>Whether the JSON Pointer fragment <paramref name="reference"/> (<c>#/…</c>) names a value of <paramref name="schema"/>.</summary>
    private static bool Resolves(JsonElement schema, string reference)
    {
        var node = schema;
        foreach (var raw in Uri.UnescapeDataString(reference[2..]).Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(token, out var member))
            {
                node = member;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckPattern(string pattern, string at)
    {
        try
        {
            _ = SafePatternKeyword.Compile(pattern);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException)
        {
            throw Refuse(at, $"The pattern '{Short(pattern)}' cannot run in linear time here ({error.Message}); backreferences, lookarounds and atomic groups are not supported.");
        }
    }

    public static EntityValidationException Refuse(string pointer, string reason) =>
        new(ValidationErrorCode.InvalidSchema, "schema", $"The schema is refused at {pointer}: {reason}", pointer);

    private static string Short(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
