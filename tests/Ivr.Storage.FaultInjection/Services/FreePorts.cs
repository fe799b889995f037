using System.Net;
using System.Net.Sockets;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>Loopback ports nobody listens on right now (checked by binding them, then letting go).</summary>
public static class FreePorts
{
    /// <summary>A port the kernel picks among the free ones.</summary>
    public static int Any()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Whether 127.0.0.1:<paramref name="port"/> can be bound now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// An offset for <see cref="Ivr.Storage.Testing.SiloProcess"/> (silo 21111+o, gateway 40000+o, HTTP 18080+o) whose
    /// three ports are free and not in <paramref name="taken"/>. Offsets 3000–8999 stay clear of the other test
    /// projects' silos (offsets below 1000) and of the local cluster's default ports.
    /// </summary>
    public static int SiloOffset(ISet<int> taken)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var offset = Random.Shared.Next(3000, 9000);
            if (!taken.Contains(offset) && IsFree(21111 + offset) && IsFree(40000 + offset) && IsFree(18080 + offset))
            {
                taken.Add(offset);
                return offset;
            }
        }

        throw new InvalidOperationException("No free silo port offset found in 500 attempts.");
    }
}
