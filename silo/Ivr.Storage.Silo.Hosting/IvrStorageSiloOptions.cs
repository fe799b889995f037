namespace Ivr.Storage.Silo.Hosting;

/// <summary>What may differ between the hosts that run an IVR.Storage silo; everything else comes from configuration.</summary>
public sealed class IvrStorageSiloOptions
{
    /// <summary>How the silo finds its cluster. The default value is <see cref="SiloMembership.Redis"/>.</summary>
    public SiloMembership Membership { get; init; } = SiloMembership.Redis;

    /// <summary>
    /// Added to the configured silo and gateway ports, so several silos can share a development machine
    /// (<c>--instance</c>). The default value is 0.
    /// </summary>
    public int PortOffset { get; init; }
}
