namespace Ivr.Storage.SampleWorker;

/// <summary>The sample's payload: a phone call handled by the IVR. Stored as camelCase JSON.</summary>
internal sealed record CallSession(string Caller, string State, string? Agent = null, int Transfers = 0);
