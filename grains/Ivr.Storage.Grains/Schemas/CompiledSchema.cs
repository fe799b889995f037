using System.Text.Json;
using System.Text.RegularExpressions;
using Ivr.Storage.Contracts;
using Json.Schema;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>One version of a type's schema, ready to check payloads against; shared by every write on the silo.</summary>
internal sealed class CompiledSchema(long version, JsonSchema schema)
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The version of <c>_schema/&lt;type&gt;</c> this is.</summary>
    public long Version => version;

    /// <summary>Every violation of <paramref name="canonicalPayload"/>; empty when it is valid.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string canonicalPayload)
    {
        using var document = JsonDocument.Parse(canonicalPayload);
        EvaluationResults results;
        try
        {
            results = schema.Evaluate(document.RootElement, Options);
        }
        catch (RegexMatchTimeoutException)
        {
            return [new SchemaViolation { Pointer = string.Empty, Keyword = "pattern", Message = "A pattern took too long to evaluate on this payload.", SchemaPath = string.Empty }];
        }
        catch (Exception error) when (error is JsonSchemaException or RefResolutionException)
        {
            // A schema the registry let through but the library cannot finish on this payload (an unresolvable anchor):
            // the write is refused as not shown valid, never a server error and never a write let through unchecked.
            return [new SchemaViolation { Pointer = string.Empty, Keyword = "$ref", Message = $"The schema cannot be evaluated on this payload: {error.Message}", SchemaPath = string.Empty }];
        }

        if (results.IsValid)
        {
            return [];
        }

        var violations = new List<SchemaViolation>();
        Collect(results, violations);
        foreach (var detail in results.Details ?? [])
        {
            Collect(detail, violations);
        }

        return violations;
    }

    private static void Collect(EvaluationResults result, List<SchemaViolation> violations)
    {
        if (result.Errors is null)
        {
            return;
        }

        var schemaPath = result.EvaluationPath.ToString();
        foreach (var (keyword, message) in result.Errors)
        {
            violations.Add(new SchemaViolation
            {
                Pointer = result.InstanceLocation.ToString(),
                // A false subschema (additionalProperties: false) reports no keyword: name the one that holds it.
                Keyword = keyword.Length > 0 ? keyword : schemaPath[(schemaPath.LastIndexOf('/') + 1)..],
                Message = message,
                SchemaPath = schemaPath,
            });
        }
    }
}
