using Ivr.Storage.Testing;
using StackExchange.Redis;

namespace Ivr.Storage.Silo.Tests;

/// <summary>The membership table Orleans' Redis clustering keeps for a cluster (service id ivr-storage), as a test reads it.</summary>
internal static class RedisMembership
{
    /// <summary>Orleans' SiloStatus.Dead: the silo said goodbye (or was voted dead).</summary>
    public const int Dead = 6;

    /// <summary>The entry of the silo listening on <paramref name="siloPort"/>, as JSON; fails when there is none.</summary>
    public static async Task<string> EntryAsync(string clusterId, int siloPort)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.RedisOptions());
        var members = await redis.GetDatabase().HashGetAllAsync($"ivr-storage/members/{clusterId}");
        return members.Single(member => member.Name.ToString().Contains($":{siloPort}:", StringComparison.Ordinal)).Value.ToString();
    }

    /// <summary>Checks that the silo on <paramref name="siloPort"/> left the cluster: its own entry says Dead.</summary>
    public static async Task AssertLeftAsync(string clusterId, int siloPort) =>
        Assert.Contains($"\"Status\":{Dead},", await EntryAsync(clusterId, siloPort), StringComparison.Ordinal);
}
