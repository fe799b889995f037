using System.Net;
using System.Net.Sockets;

namespace Ivr.Storage.Testing;

/// <summary>
/// A TCP forwarder on 127.0.0.1 between a process under test and a real service, so a test can take the service
/// away from that one process (<see cref="Cut"/>) and give it back (<see cref="Restore"/>) without touching the
/// service every other test shares. While cut, open connections are reset and new ones are closed on accept, which
/// is what a client sees of a database that went away. Loopback only: it never listens on another interface.
/// </summary>
public sealed class LoopbackTcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(TcpClient Inbound, TcpClient Outbound)> _open = [];
    private readonly Task _acceptLoop;
    private volatile bool _cut;

    public LoopbackTcpForwarder(string targetHost, int targetPort)
    {
        var address = IPAddress.TryParse(targetHost, out var parsed) ? parsed : Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        _target = new IPEndPoint(address, targetPort);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port to connect to instead of the service's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted and forwarded so far.</summary>
    public int ForwardedConnections { get; private set; }

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var (inbound, outbound) in _open)
            {
                inbound.Client.Close(0);
                outbound.Client.Close(0);
            }

            _open.Clear();
        }
    }

    /// <summary>Forwards new connections again.</summary>
    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop with one of these.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stopping.Token);
            if (_cut)
            {
                inbound.Client.Close(0);
                inbound.Dispose();
                continue;
            }

            _ = ForwardAsync(inbound);
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(_target, _stopping.Token);
            lock (_open)
            {
                _open.Add((inbound, outbound));
                ForwardedConnections++;
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), done.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset connection (Cut, or either side closing) ends the pair.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove((inbound, outbound));
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
