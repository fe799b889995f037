using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>What the Health page shows.</summary>
public sealed record HealthView
{
    /// <summary>The readiness status, as <c>/health/ready</c> would answer now.</summary>
    public required HealthStatus Ready { get; init; }

    /// <summary>Each readiness check: name, status, description.</summary>
    public required IReadOnlyList<(string Name, HealthStatus Status, string Description)> Checks { get; init; }

    /// <summary>The silos (address, name, status), or a note saying why they are not listed.</summary>
    public required (IReadOnlyList<(string Address, string Name, string Status)> Silos, string? Note) Silos { get; init; }

    /// <summary>The feed horizon and the read model's position; null when the cluster did not answer.</summary>
    public LiveStatus? Feed { get; init; }

    /// <summary>Group-commit batch sizes from the silos' metrics, or a note.</summary>
    public required (IReadOnlyList<(string Label, string Value)> Rows, string? Note) BatchSizes { get; init; }

    /// <summary>Each RabbitMQ relay's lag from the silo's metrics (name, seconds), or a note.</summary>
    public (IReadOnlyList<(string Relay, string Lag)> Rows, string? Note) RelayLags { get; init; } = ([], null);

    /// <summary>Link to the Orleans dashboard, when configured.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>Link to the metrics, when configured.</summary>
    public string? MetricsUrl { get; init; }
}
