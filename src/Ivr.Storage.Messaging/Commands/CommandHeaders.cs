namespace Ivr.Storage.Messaging.Commands;

/// <summary>
/// Headers of a command message. The body is the payload (put), the merge patch (patch) or empty (delete, revert);
/// the AMQP message id is the idempotency key and the causation id, the correlation id is the versions'.
/// </summary>
public static class CommandHeaders
{
    public const string Type = "ivr-type";
    public const string Id = "ivr-id";

    /// <summary><c>put</c>, <c>patch</c>, <c>delete</c> or <c>revert</c>.</summary>
    public const string Kind = "ivr-kind";

    /// <summary><c>any</c> (the default), <c>not-exists</c>, <c>exists</c> or a version number (exactly).</summary>
    public const string ExpectedVersion = "ivr-expected-version";

    /// <summary>For <c>revert</c>: the version whose payload is written again.</summary>
    public const string RevertTo = "ivr-revert-to";

    /// <summary>Provenance: the writing system (required) and why.</summary>
    public const string Source = "ivr-source";
    public const string Reason = "ivr-reason";

    /// <summary>Set on a dead-lettered message: a stable code (<see cref="CommandRejection"/>) and a sentence.</summary>
    public const string Error = "x-ivr-error";
    public const string ErrorDetail = "x-ivr-error-detail";
}
