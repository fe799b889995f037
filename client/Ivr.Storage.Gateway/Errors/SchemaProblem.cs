using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Errors;

/// <summary>
/// A payload that breaks its type's schema: 422 with every violation in <c>errors</c> (pointer, keyword, message). A
/// schema version the compatibility gate refuses: 409, since the definition itself is acceptable (a malformed one is
/// 422 <c>invalid-schema</c>) but conflicts with the data the store holds now; the same PUT may pass once that data
/// changes, or with <c>force=true</c>.
/// </summary>
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

    public static ProblemDetails From(SchemaIncompatibleException error)
    {
        var problem = EntityProblems.Problem(StatusCodes.Status409Conflict, "schema-incompatible", "Stored data breaks the new schema version", error.Message);
        var report = Api.CompatibilityReportResponse.From(error.Report);
        problem.Extensions["schemaType"] = error.Type;
        problem.Extensions["mode"] = report.Mode;
        problem.Extensions["candidateVersion"] = report.CandidateVersion;
        problem.Extensions["entitiesChecked"] = report.EntitiesChecked;
        problem.Extensions["historyVersionsChecked"] = report.HistoryVersionsChecked;
        problem.Extensions["capReached"] = report.CapReached;
        problem.Extensions["failureCount"] = report.FailureCount;
        problem.Extensions["failures"] = report.Failures;
        return problem;
    }
}
