using Ivr.Storage.AuditLog;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Audit;

/// <summary>Makes sure the transparency log's writer runs somewhere in the cluster when enabled (see <see cref="SingletonGrainKeeper"/>).</summary>
internal sealed partial class AuditLogKeeper(IGrainFactory grains, IOptions<AuditLogOptions> options, ILogger<AuditLogKeeper> logger) : SingletonGrainKeeper
{
    protected override bool Enabled => options.Value.Enabled;

    protected override Task PokeAsync() => grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Journal).EnsureRunning();

    protected override void NotRunning(Exception exception) => LogNotRunning(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transparency log writer could not be started yet")]
    private static partial void LogNotRunning(ILogger logger, Exception exception);
}
