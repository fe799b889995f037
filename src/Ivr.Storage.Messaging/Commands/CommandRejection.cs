namespace Ivr.Storage.Messaging.Commands;

/// <summary>Why a command can never succeed: the <c>x-ivr-error</c> header of its dead letter.</summary>
public static class CommandRejection
{
    public const string MissingMessageId = "missing-message-id";
    public const string BadHeader = "bad-header";
    public const string Oversized = "oversized";
    public const string BadJson = "bad-json";
    public const string Validation = "validation";
    public const string UnknownType = "unknown-type";
    public const string Forbidden = "forbidden";
    public const string Conflict = "concurrency-conflict";
    public const string IdempotencyConflict = "idempotency-conflict";
    public const string NotFound = "not-found";
}
