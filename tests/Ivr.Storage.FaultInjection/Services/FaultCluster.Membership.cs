using System.Globalization;
using Ivr.Storage.Testing;
using StackExchange.Redis;

namespace Ivr.Storage.FaultInjection.Services;

public sealed partial class FaultCluster
{
    // Orleans' SiloStatus as Redis clustering serializes it.
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;

    /// <summary>Waits (bounded) until the membership table in Redis declares the silo on <paramref name="siloPort"/> dead.</summary>
    public Task<bool> WaitUntilDeclaredDeadAsync(int siloPort, TimeSpan timeout) => WaitForStatusAsync(siloPort, DeadStatus, timeout);

    /// <summary>
    /// Waits (bounded) until the silo on <paramref name="siloPort"/> is Active in the membership table: its gateway
    /// port opens while it is still joining, and a SIGTERM then fails the start-up instead of draining a member.
    /// </summary>
    public Task<bool> WaitUntilActiveAsync(int siloPort, TimeSpan timeout) => WaitForStatusAsync(siloPort, ActiveStatus, timeout);

    private async Task<bool> WaitForStatusAsync(int siloPort, int status, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(Redis.ConnectionString);
        options.AbortOnConnectFail = false;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var marker = string.Create(CultureInfo.InvariantCulture, $":{siloPort}:");
        return await Eventually.TryAsync(
            async () =>
            {
                var members = await redis.GetDatabase().HashGetAllAsync($"{ServiceId}/members/{ClusterId}");
                return members.Any(m => m.Name.ToString().Contains(marker, StringComparison.Ordinal) && m.Value.ToString().Contains($"\"Status\":{status},", StringComparison.Ordinal));
            },
            timeout,
            TimeSpan.FromMilliseconds(250));
    }
}
