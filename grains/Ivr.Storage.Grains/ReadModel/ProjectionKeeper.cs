using Ivr.Storage.Contracts;
using Ivr.Storage.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>Makes sure the current-state projection runs somewhere in the cluster (see <see cref="SingletonGrainKeeper"/>).</summary>
internal sealed partial class ProjectionKeeper(IGrainFactory grains, IOptions<ReadModelOptions> options, ILogger<ProjectionKeeper> logger) : SingletonGrainKeeper
{
    protected override bool Enabled => options.Value.Enabled;

    protected override Task PokeAsync() => grains.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState).EnsureRunning();

    protected override void NotRunning(Exception exception) => LogNotRunning(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The current-state projection could not be started yet")]
    private static partial void LogNotRunning(ILogger logger, Exception exception);
}
