namespace Ivr.Storage.Journal;

/// <summary>What an activation loads: the latest version and the time version 1 was committed.</summary>
public sealed record JournalHead(JournalRecord Latest, DateTimeOffset CreatedAt);
