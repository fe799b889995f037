namespace Ivr.Storage.AuditLog;

/// <summary>The transparency log's settings (section <c>AuditLog</c>; deploy/README.md lists them).</summary>
public sealed class AuditLogOptions
{
    public const string SectionName = "AuditLog";

    /// <summary>Changes read and appended per transaction. The default value is 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A head is signed once this long has passed since the last one and the log grew. The default value is 10 seconds.</summary>
    public TimeSpan HeadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A head is signed once the log grew by this many versions since the last one, whatever the time. The default value is 10,000.</summary>
    public long HeadEveryVersions { get; set; } = 10_000;

    /// <summary>How often the writer looks for new changes when it is caught up. The default value is 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
