using System.Globalization;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>A port a connection is made to: the container port's name (when it has one), number and protocol.</summary>
internal sealed record PodPort(string? Name, int Number, string Protocol = "TCP")
{
    /// <summary>Whether a NetworkPolicy port entry (a number or a container port name) means this port.</summary>
    public bool IsNamedBy(string value) => value == Name || value == Number.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => $"{Name ?? "port"} {Number}/{Protocol}";
}
