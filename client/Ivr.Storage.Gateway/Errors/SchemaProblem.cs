using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Errors;

/// <summary>A payload that breaks its type's schema: 422 with every violation in <c>errors</c> (pointer, keyword, message).</summary>
internal static class SchemaProblem
{
    public static ProblemDetails From(SchemaValidationException error)
    {
        var problem = EntityProblems.Problem(StatusCodes.Status422UnprocessableEntity, "schema-violation", "The payload breaks its type's schema", error.Message);
        problem.Extensions["entity"] = new { type = error.Key.Type, id = error.Key.Id };
        problem.Extensions["schemaVersion"] = error.SchemaVersion;
        problem.Extensions["errors"] = error.Violations
            .Select(violation => new { pointer = violation.Pointer, keyword = violation.Keyword, message = violation.Message, schemaPath = violation.SchemaPath })
            .ToArray();
        return problem;
    }
}
