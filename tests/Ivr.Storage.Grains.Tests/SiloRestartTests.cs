using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Grains.Tests;

/// <summary>A two-silo cluster of its own, because these tests restart silos.</summary>
public sealed class TwoSiloClusterFixture : EntityClusterFixture
{
    protected override short InitialSilos => 2;
}

[CollectionDefinition(Name)]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silo entity cluster";
}

[Collection(TwoSiloClusterCollection.Name)]
public sealed class SiloRestartTests(TwoSiloClusterFixture fixture)
{
    [Fact]
    public async Task state_and_idempotency_survive_restarting_every_silo()
    {
        var key = EntityKey.Create("restart", Guid.NewGuid().ToString("N"));
        var options = new WriteOptions { Provenance = new Provenance { Source = "tests" }, IdempotencyKey = "before-restart" };
        var original = await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put("""{"kept":1}""", options);

        // Restart the silos one after the other: whichever held the activation, it is gone afterwards.
        foreach (var silo in fixture.Cluster.Silos.ToArray())
        {
            await fixture.Cluster.RestartSiloAsync(silo);
        }

        await fixture.Cluster.WaitForLivenessToStabilizeAsync();
        var grain = fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey());
        var replay = await grain.Put("""{"kept":1}""", options);
        var state = await grain.GetCurrent();

        Assert.True(replay.IdempotentReplay);
        Assert.Equal(original.Version, replay.Version);
        Assert.Equal(original.Hash, replay.Hash);
        Assert.Equal(1, state.Version);
        Assert.Equal("""{"kept":1}""", state.Payload);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => grain.Put("""{"kept":2}""", options));
    }

    [Fact]
    public async Task grain_state_in_orleans_adonet_storage_survives_deactivation_and_silo_restarts()
    {
        var counter = fixture.Client.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 3; i++)
        {
            await counter.Increment();
        }

        await fixture.Cluster.DeactivateAsync(counter);
        Assert.Equal(3, await counter.Get());
        foreach (var silo in fixture.Cluster.Silos.ToArray())
        {
            await fixture.Cluster.RestartSiloAsync(silo);
        }

        await fixture.Cluster.WaitForLivenessToStabilizeAsync();
        Assert.Equal(4, await fixture.Client.GetGrain<ICounterGrain>(counter.GetPrimaryKeyString()).Increment());
        // The cluster has a service id of its own and this is its only counter: exactly one row, rewritten in place.
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM orleansstorage WHERE serviceid = $1 AND graintypestring = 'counter'", connection);
        rows.Parameters.Add(new() { Value = fixture.Cluster.Options.ServiceId });
        Assert.Equal(1L, await rows.ExecuteScalarAsync());
    }
}
