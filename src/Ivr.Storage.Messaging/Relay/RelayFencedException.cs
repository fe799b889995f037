namespace Ivr.Storage.Messaging.Relay;

/// <summary>A newer instance claimed the relay: this one's checkpoint move was refused and nothing advanced.</summary>
public sealed class RelayFencedException(string relay, long epoch)
    : Exception($"Relay '{relay}' was claimed by a newer instance (this one held epoch {epoch}); its checkpoint was not moved.")
{
    public string Relay { get; } = relay;

    public long Epoch { get; } = epoch;
}
