using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Npgsql;
using StackExchange.Redis;

namespace Ivr.Storage.Silo.Tests;

/// <summary>The real silo host as a separate process: Redis clustering, PostgreSQL journal, graceful SIGTERM.</summary>
public sealed class SiloProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_silo_process_joins_through_redis_stores_entities_in_postgres_and_stops_on_sigterm()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var clusterId = "silo-test-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(clusterId, portOffset: SiloPorts.NextOffset());
        await silo.WaitUntilListeningAsync(StartTimeout);

        // The gateway port opens before the silo has written its membership row: poll Redis, bounded.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.RedisOptions()))
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    var members = await redis.GetDatabase().HashGetAllAsync($"ivr-storage/members/{clusterId}");
                    return members.Any(entry => entry.Name.ToString().Contains($":{silo.SiloPort}", StringComparison.Ordinal));
                },
                StartTimeout,
                () => $"the silo's membership entry appears in Redis under ivr-storage/members/{clusterId}\n{silo.Output}");
        }

        var key = EntityKey.Create("silo-process", Guid.NewGuid().ToString("N"));
        using (var client = await ExternalClient.ConnectAsync(clusterId))
        {
            var grain = client.Cluster().GetGrain<IEntityGrain>(key.ToGrainKey());
            var written = await grain.Put("""{"via":"process"}""", new WriteOptions { Provenance = new Provenance { Source = "silo-tests" } });
            Assert.Equal(1, written.Version);
            await client.StopAsync();
        }

        await using (var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString))
        {
            // Through jsonb, so the comparison is of the JSON value, whatever text form the journal keeps (canonical text since migration 0006).
            await using var command = new NpgsqlCommand("SELECT payload::jsonb::text, source FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version = 1", connection);
            command.Parameters.Add(new() { Value = key.Type });
            command.Parameters.Add(new() { Value = key.Id });
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "the committed version is in ivr.journal");
            Assert.Equal("""{"via": "process"}""", reader.GetString(0));
            Assert.Equal("silo-tests", reader.GetString(1));
        }

        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
    }
}
