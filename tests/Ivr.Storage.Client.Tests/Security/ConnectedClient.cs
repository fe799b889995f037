using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>A started client library host; disposing it stops the Orleans client before the host goes.</summary>
public sealed class ConnectedClient(IHost host) : IAsyncDisposable
{
    public IEntityStore Store => host.Services.GetRequiredService<IEntityStore>();

    public ICausationLookup Causations => host.Services.GetRequiredService<ICausationLookup>();

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(bound.Token);
        host.Dispose();
    }
}
