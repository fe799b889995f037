namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>The operators' console at <c>/console</c> (configuration section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Console";

    /// <summary>How long a console session lasts after login (not sliding). The default value is 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Versions per timeline page (1 to 1000). The default value is 50.</summary>
    public int TimelinePageSize { get; set; } = 50;

    /// <summary>Entities per page of a type's listing (1 to 500). The default value is 50.</summary>
    public int ListPageSize { get; set; } = 50;

    /// <summary>The Orleans dashboard's address, linked from the Health page; none when null (the default).</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The Prometheus metrics address, linked from the Health page; none when null (the default).</summary>
    public string? MetricsUrl { get; set; }

    /// <summary>
    /// A silo's Prometheus endpoint (e.g. its management port's <c>/metrics</c>) the gateway reads for the Health page's
    /// group-commit batch sizes; none when null (the default).
    /// </summary>
    public string? SiloMetricsUrl { get; set; }
}
