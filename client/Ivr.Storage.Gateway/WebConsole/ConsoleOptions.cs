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

    /// <summary>
    /// Operations of a diff's JSON Patch rendered on the page (1 to 10,000); the rest are counted ("N more changes") and
    /// the whole patch is a download. The default value is 200.
    /// </summary>
    public int DiffOperationsShown { get; set; } = 200;

    /// <summary>
    /// Characters of a payload (pretty-printed) a console page renders: the current state, a version, each side of a diff
    /// (1,024 to 4,194,304), so that a 1 MiB payload does not freeze the browser; a cut payload says how much it left
    /// out. The default value is 65,536.
    /// </summary>
    public int PayloadCharsShown { get; set; } = 64 * 1024;

    /// <summary>The Orleans dashboard's address, linked from the Health page; none when null (the default).</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The Prometheus metrics address, linked from the Health page; none when null (the default).</summary>
    public string? MetricsUrl { get; set; }

    /// <summary>
    /// A silo's Prometheus endpoint (e.g. its management port's <c>/metrics</c>) the gateway reads for the Health page's
    /// group-commit batch sizes; none when null (the default).
    /// </summary>
    public string? SiloMetricsUrl { get; set; }

    /// <summary>
    /// Files of the transparency log's public keys (SPKI PEM, as auditors hold them; keep old ones after a rotation) that
    /// the Entity page checks signed heads against before it calls a version included. Empty by default: the page then
    /// says a proof cannot be checked, never that it holds.
    /// </summary>
    public IList<string> AuditPublicKeyFiles { get; } = [];
}
