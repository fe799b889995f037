namespace Ivr.Storage.Grains.Messaging;

/// <summary>
/// One named outbound relay (key: its name in <c>Messaging:Relays</c>). Silos only: no caller policy places it, so
/// the cluster's callers cannot reach it.
/// </summary>
[Alias("ivr.IMessageRelayGrain")]
public interface IMessageRelayGrain : IGrainWithStringKey
{
    /// <summary>Activates the relay if it is not running; idempotent.</summary>
    [Alias("ensure-running")]
    Task EnsureRunning();
}
