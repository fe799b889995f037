using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Json.Schema;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// A registered schema version as stored in the journal (the payload of <c>_schema/&lt;type&gt;</c>):
/// <c>{"schema":{…draft 2020-12…},"compatibility":"backward"|"none","upcast":[…JSON Patch…]}</c>, checked and compiled.
/// The mode lives in the definition, as data of the version that declares it: it is hashed, kept in the schema's
/// history and governs the next change (the gate reads the mode of the version being replaced).
/// </summary>
internal sealed class SchemaDefinition
{
    /// <summary>The largest schema definition, in canonical UTF-8 bytes: 64 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The deepest schema definition: 32 levels.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonPayloadLimits Limits = new() { MaxBytes = MaxBytes, MaxDepth = MaxDepth };

    private SchemaDefinition(string canonical, string compatibility, JsonSchema schema, JsonArray? upcast)
    {
        Canonical = canonical;
        Compatibility = compatibility;
        Schema = schema;
        Upcast = upcast;
    }

    /// <summary>The definition in canonical form: what is stored and hashed.</summary>
    public string Canonical { get; }

    /// <summary>The declared compatibility mode: <c>backward</c> (the default) or <c>none</c>.</summary>
    public string Compatibility { get; }

    /// <summary>The compiled schema.</summary>
    public JsonSchema Schema { get; }

    /// <summary>The upcaster from the previous version (JSON Patch operations), if the definition has one.</summary>
    public JsonArray? Upcast { get; }

    /// <summary>Whether a change from this version must pass the compatibility gate.</summary>
    public bool IsBackward => Compatibility == "backward";

    /// <summary>Checks and compiles a definition; refusals are <see cref="EntityValidationException"/> with code <see cref="ValidationErrorCode.InvalidSchema"/>.</summary>
    public static SchemaDefinition Parse(string? definition)
    {
        string canonical;
        try
        {
            canonical = JsonPayload.ParseObject(definition ?? string.Empty, Limits).Json;
        }
        catch (JsonPayloadException error)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidSchema, "schema",
                $"The schema definition is not acceptable: {error.Reason} (definitions are at most {MaxBytes:N0} bytes and {MaxDepth} levels deep).", error.Pointer);
        }

        var root = JsonNode.Parse(canonical)!.AsObject();
        var compatibility = "backward";
        JsonArray? upcast = null;
        foreach (var (name, value) in root)
        {
            switch (name)
            {
                case "schema" when value is JsonObject:
                    break;
                case "compatibility" when value is JsonValue mode && mode.TryGetValue(out string? text) && text is "backward" or "none":
                    compatibility = text;
                    break;
                case "upcast":
                    upcast = SchemaUpcaster.Check(value);
                    break;
                default:
                    throw SchemaGuard.Refuse("/" + name, "a definition has the members \"schema\" (a JSON Schema object) and optionally \"compatibility\" (\"backward\" or \"none\") and \"upcast\" (JSON Patch operations from the previous version).");
            }
        }

        if (root["schema"] is not JsonObject schema)
        {
            throw SchemaGuard.Refuse("/schema", "the definition has no \"schema\" object.");
        }

        return new SchemaDefinition(canonical, compatibility, SchemaCompiler.Compile(schema), upcast);
    }
}
