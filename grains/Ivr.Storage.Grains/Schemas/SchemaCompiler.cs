using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Builds a draft 2020-12 schema with JsonSchema.Net (MIT, version 8; 9 and newer charge companies) in a dialect whose
/// <c>pattern</c> runs in linear time, with a registry of its own that fetches nothing.
/// </summary>
internal static class SchemaCompiler
{
    private static readonly Dialect SafeDialect = Dialect.Draft202012.With([new SafePatternKeyword()]);

    public static JsonSchema Compile(JsonObject schema)
    {
        using var document = JsonDocument.Parse(schema.ToJsonString());
        SchemaGuard.Check(document.RootElement);

        // The guard allowed $schema only as draft 2020-12; without it the build uses our dialect, not the stock one.
        var copy = schema.DeepClone().AsObject();
        copy.Remove("$schema");
        var registry = new SchemaRegistry { Fetch = static (_, _) => null };
        try
        {
            return JsonSchema.Build(JsonSerializer.SerializeToElement(copy), new BuildOptions { Dialect = SafeDialect, SchemaRegistry = registry });
        }
        catch (Exception error) when (error is JsonSchemaException or RefResolutionException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw SchemaGuard.Refuse("/schema", $"it is not a valid JSON Schema: {error.Message}");
        }
    }
}
