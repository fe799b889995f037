namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>The path a worker's requests take into the cluster.</summary>
public enum Transport
{
    /// <summary>The external Orleans client, as IVR.Server calls the store.</summary>
    Client,

    /// <summary>The HTTP gateway process (client/Ivr.Storage.Gateway), with If-Match and Idempotency-Key headers.</summary>
    Http,
}
