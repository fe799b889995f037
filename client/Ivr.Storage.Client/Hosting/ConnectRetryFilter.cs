using Microsoft.Extensions.Options;
using Orleans;

namespace Ivr.Storage.Client.Hosting;

/// <summary>
/// Retries the client's first connection a few times, so a host that starts together with the silos (a deployment,
/// a local script) waits for them instead of failing at once. After the first connection Orleans reconnects by itself.
/// </summary>
internal sealed class ConnectRetryFilter(IOptions<IvrStorageClientOptions> options, TimeProvider? timeProvider = null) : IClientConnectionRetryFilter
{
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _attempts) >= options.Value.ConnectAttempts)
        {
            return false;
        }

        await Task.Delay(options.Value.ConnectRetryDelay, timeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
