namespace Ivr.Storage.Silo.Hosting;

/// <summary>How a silo finds the other members of its cluster.</summary>
public enum SiloMembership
{
    /// <summary>Redis (<c>ConnectionStrings:Redis</c>), on the configured endpoints: every real deployment.</summary>
    Redis,

    /// <summary>The host brings membership and endpoints (Orleans' in-process test cluster).</summary>
    ProvidedByHost,
}
