using System.Net;
using System.Net.Sockets;

namespace Ivr.Storage.Testing;

/// <summary>
/// Loopback ports nobody listens on right now (checked by binding them, then letting go). The test assemblies run in
/// parallel with one another and with real silo processes, so a port picked at random without this check now and then
/// belongs to another test's listener or outgoing connection (a silo then fails with "address already in use").
/// </summary>
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

    /// <summary>Whether the silo, gateway, HTTP and management ports of a <see cref="SiloProcess"/> at <paramref name="portOffset"/> are all free now.</summary>
    public static bool SiloPortsFree(int portOffset) => SiloPorts(portOffset).All(IsFree);

    /// <summary>
    /// An offset for <see cref="SiloProcess"/> (silo 12000+o, gateway 16000+o, HTTP 20000+o, management 24000+o) that is
    /// not in <paramref name="taken"/> and whose four ports are free now. Offsets 2000–3999 keep clear of the silo
    /// tests' (below 2000), so the four ranges never overlap, and every port stays below the kernel's ephemeral range
    /// (32768 and up): no outgoing connection of another process can take one between this check and the silo's bind.
    /// </summary>
    public static int SiloOffset(ISet<int> taken)
    {
        var takenPorts = taken.SelectMany(SiloPorts).ToHashSet();
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var offset = Random.Shared.Next(2000, 4000);
            if (!taken.Contains(offset) && !SiloPorts(offset).Any(takenPorts.Contains) && SiloPortsFree(offset))
            {
                taken.Add(offset);
                return offset;
            }
        }

        throw new InvalidOperationException("No free silo port offset found in 500 attempts.");
    }

    private static int[] SiloPorts(int portOffset) =>
        [SiloProcess.BaseSiloPort + portOffset, SiloProcess.BaseGatewayPort + portOffset, SiloProcess.BaseHttpPort + portOffset,
            SiloProcess.BaseManagementPort + portOffset];
}
