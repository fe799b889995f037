using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.Feed;

/// <summary>A journal row as the change feed returns it: the record and its feed position.</summary>
public sealed record FeedEntry(JournalRecord Record, FeedPosition Position)
{
    public ChangeEvent ToChangeEvent() => new()
    {
        Key = Record.Key,
        Version = Record.Version,
        Kind = Record.Kind,
        Position = Position,
        CommittedAt = Record.CommittedAt,
        Provenance = Record.Provenance,
        Hash = Convert.ToHexStringLower(Record.Hash),
        Payload = Record.Payload,
        PayloadSchemaVersion = Record.SchemaVersion,
    };
}
