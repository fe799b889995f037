namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>A change message as the scenario's own queue received it, numbered in arrival order.</summary>
public sealed record ObservedChange(long Arrival, string MessageId, string Subject, long Version, string Hash);
