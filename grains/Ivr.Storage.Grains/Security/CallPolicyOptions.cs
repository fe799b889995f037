namespace Ivr.Storage.Grains.Security;

/// <summary>
/// Grain interfaces of a host's own (benchmark probes, test grains) that any verified caller may call, beside the
/// entity store's, which <see cref="CallPolicy"/> places method by method. Set in code, never from configuration.
/// </summary>
public sealed class CallPolicyOptions
{
    /// <summary>Full names of the interfaces any verified caller may call. Empty by default.</summary>
    public HashSet<string> OpenInterfaces { get; } = new(StringComparer.Ordinal);
}
