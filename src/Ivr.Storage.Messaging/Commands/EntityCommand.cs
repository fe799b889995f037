using Ivr.Storage.Contracts;

namespace Ivr.Storage.Messaging.Commands;

/// <summary>A parsed command: which entity, what to do, with which body and write options.</summary>
public sealed record EntityCommand(EntityKey Key, ChangeKind Kind, string? Body, long? RevertTo, WriteOptions Options);
