using Ivr.Storage.Contracts;
using Ivr.Storage.Messaging.Commands;

namespace Ivr.Storage.Grains.Messaging;

/// <summary>Which store errors mean a command can never succeed as sent (dead-lettered); every other failure is transient (retried).</summary>
internal static class CommandRejections
{
    public static string? CodeOf(Exception exception) => exception switch
    {
        EntityValidationException { Code: ValidationErrorCode.InvalidType } => CommandRejection.UnknownType,
        EntityValidationException => CommandRejection.Validation,
        ConcurrencyConflictException => CommandRejection.Conflict,
        IdempotencyConflictException => CommandRejection.IdempotencyConflict,
        EntityNotFoundException or EntityDeletedException => CommandRejection.NotFound,
        AccessDeniedException => CommandRejection.Forbidden,
        _ => null,
    };
}
