using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.Grains;

/// <summary>
/// Keeps a one-per-cluster grain (the projection, the transparency log writer, each message relay) running: every silo pokes it now and
/// then, and Orleans routes all pokes to the one activation (or creates it after the silo that held it died).
/// </summary>
internal abstract class SingletonGrainKeeper : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected abstract bool Enabled { get; }

    protected abstract Task PokeAsync();

    /// <summary>The poke failed (silo still starting, database away); the next tick tries again.</summary>
    protected abstract void NotRunning(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await PokeAsync().WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NotRunning(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
