using Ivr.Storage.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Messaging;

/// <summary>Makes sure every configured relay runs somewhere in the cluster (see <see cref="SingletonGrainKeeper"/>).</summary>
internal sealed partial class MessageRelayKeeper(IGrainFactory grains, IOptions<MessagingOptions> options, ILogger<MessageRelayKeeper> logger) : SingletonGrainKeeper
{
    private readonly string[] _names = [.. options.Value.Relays.Select(relay => relay.Name)];

    protected override bool Enabled => _names.Length > 0;

    // Every relay is poked each tick, whether or not another's poke failed (WhenAll waits for all of them).
    protected override Task PokeAsync() => Task.WhenAll(_names.Select(name => grains.GetGrain<IMessageRelayGrain>(name).EnsureRunning()));

    protected override void NotRunning(Exception exception) => LogNotRunning(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A relay could not be started yet (silo still starting, or the relay's silo just died)")]
    private static partial void LogNotRunning(ILogger logger, Exception exception);
}
