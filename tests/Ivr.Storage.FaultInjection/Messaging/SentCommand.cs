namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>A command message the scenario published (confirmed by the broker); <see cref="ExpectedError"/> is set for poison.</summary>
public sealed record SentCommand(string MessageId, string? ExpectedError);
