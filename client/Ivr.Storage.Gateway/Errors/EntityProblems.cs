using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Errors;

/// <summary>
/// Maps the store's typed errors (and the gateway's own refusals) to RFC 9457 problem details. Details come from
/// the typed exceptions, whose messages name the entity and versions and never carry SQL or stack traces; a 503
/// gets a fixed text because the cause may describe infrastructure.
/// </summary>
internal static class EntityProblems
{
    public const string TypePrefix = "urn:ivr-storage:problem:";

    public static bool TryCreate(Exception exception, HttpGatewayOptions options, out ProblemDetails problem)
    {
        problem = exception switch
        {
            GatewayProblemException gateway => Problem(gateway.Status, gateway.ProblemType, gateway.Title, gateway.Message),
            EntityValidationException validation => Validation(validation),
            SchemaValidationException schema => SchemaProblem.From(schema),
            SchemaIncompatibleException incompatible => SchemaProblem.From(incompatible),
            ConcurrencyConflictException conflict => With(
                Problem(StatusCodes.Status412PreconditionFailed, "concurrency-conflict", "The entity is not at the expected version", conflict.Message),
                conflict.Key, ("expectedVersion", Describe(conflict.Expected)), ("actualVersion", conflict.ActualVersion), ("actualDeleted", conflict.ActualIsDeleted)),
            IdempotencyConflictException idempotency => With(
                Problem(StatusCodes.Status409Conflict, "idempotency-conflict", "The idempotency key was used for a different request", idempotency.Message),
                idempotency.Key, ("idempotencyKey", idempotency.IdempotencyKey), ("originalVersion", idempotency.OriginalVersion)),
            EntityDeletedException deleted => With(
                Problem(StatusCodes.Status410Gone, "entity-deleted", "The entity is deleted", deleted.Message),
                deleted.Key, ("deletedVersion", deleted.DeletedVersion), ("deletedAt", deleted.DeletedAt)),
            EntityNotFoundException notFound => With(
                Problem(StatusCodes.Status404NotFound, "entity-not-found", "The entity or version does not exist", notFound.Message),
                notFound.Key),
            // The cluster refused the gateway's own identity: its Security:Callers entry lacks this scope (configuration).
            AccessDeniedException denied => With(
                Problem(StatusCodes.Status403Forbidden, "cluster-forbidden", "The storage cluster refused the gateway",
                    $"The storage cluster does not allow the gateway this operation ({denied.Reason}). Its operators grant the gateway's certificate the scope in the silos' Security:Callers."),
                key: null, ("requiredScope", denied.RequiredScope ?? "(none: the call itself is reserved)")),
            StoreUnavailableException => With(
                Problem(StatusCodes.Status503ServiceUnavailable, "store-unavailable", "The storage cluster is unavailable",
                    $"The storage cluster could not be reached. Retry after {options.UnavailableRetryAfterSeconds} seconds; repeat a write with the same Idempotency-Key, so it is applied at most once."),
                key: null, ("retryAfterSeconds", options.UnavailableRetryAfterSeconds)),
            QueryTimeoutException timeout => With(
                Problem(StatusCodes.Status504GatewayTimeout, "query-timeout", "The query took too long",
                    $"The read-model query was cancelled after {timeout.Timeout.TotalSeconds:0.###} seconds. Narrow it (a type, a containment filter, a smaller limit) or retry later."),
                key: null, ("timeoutSeconds", timeout.Timeout.TotalSeconds)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(options),
            BadHttpRequestException bad => Problem(bad.StatusCode, "bad-request", "The request is malformed", "The request could not be read."),
            _ => null!,
        };
        return problem is not null;
    }

    public static ProblemDetails TooLarge(HttpGatewayOptions options) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large",
            $"Request bodies are limited to {options.MaxRequestBodyBytes} bytes.");

    public static ProblemDetails Problem(int status, string problemType, string title, string detail) => new()
    {
        Status = status,
        Type = TypePrefix + problemType,
        Title = title,
        Detail = detail,
    };

    private static ProblemDetails Validation(EntityValidationException validation)
    {
        var (status, problemType, title) = validation.Code switch
        {
            ValidationErrorCode.InvalidPayload => (StatusCodes.Status422UnprocessableEntity, "invalid-payload", "The payload is not acceptable"),
            ValidationErrorCode.InvalidSchema => (StatusCodes.Status422UnprocessableEntity, "invalid-schema", "The schema is not acceptable"),
            ValidationErrorCode.SchemaRequired => (StatusCodes.Status422UnprocessableEntity, "schema-required", "The entity type has no schema"),
            ValidationErrorCode.InexactNumber => (StatusCodes.Status422UnprocessableEntity, "inexact-number", "A number would not keep its value"),
            ValidationErrorCode.InvalidOperation => (StatusCodes.Status422UnprocessableEntity, "invalid-operation", "The operation cannot apply to this entity"),
            ValidationErrorCode.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The payload is too large"),
            _ => (StatusCodes.Status400BadRequest, "invalid-request", "The request is invalid"),
        };
        var problem = Problem(status, problemType, title, validation.Reason);
        problem.Extensions["code"] = validation.Code.ToString();
        problem.Extensions["field"] = validation.Field;
        if (validation.Pointer is { } pointer)
        {
            problem.Extensions["pointer"] = pointer;
        }

        return problem;
    }

    private static ProblemDetails With(ProblemDetails problem, EntityKey? key, params (string Name, object Value)[] extensions)
    {
        if (key is { Type: not null } entity)
        {
            problem.Extensions["entity"] = new { type = entity.Type, id = entity.Id };
        }

        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    /// <summary>An expected version as a client wrote it: a number, <c>none</c> (If-None-Match: *) or <c>*</c> (If-Match: *).</summary>
    private static object Describe(ExpectedVersion expected) =>
        expected.IsAny || expected.IsExists ? "*" : expected.IsNotExists ? "none" : expected.Value;
}
