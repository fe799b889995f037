using System.Diagnostics;

namespace Ivr.Storage.Client.Tests;

[Collection(StoreClusterCollection.Name)]
public sealed class CorrelationTests(StoreClusterFixture fixture)
{
    [Fact]
    public async Task the_correlation_id_defaults_to_the_w3c_trace_id_of_the_current_activity()
    {
        var key = StoreClusterFixture.NewKey();
        using var activity = new Activity("handle-call").SetIdFormat(ActivityIdFormat.W3C).Start();

        await fixture.Store.PutAsync(key, """{"n":1}""");
        activity.Stop();

        var record = await fixture.Store.GetVersionAsync(key, 1);
        Assert.Equal(activity.TraceId.ToHexString(), record.Provenance.CorrelationId);
        Assert.Equal(32, record.Provenance.CorrelationId!.Length);
    }

    [Fact]
    public async Task an_explicit_correlation_id_wins_over_the_current_activity()
    {
        var key = StoreClusterFixture.NewKey();
        using var activity = new Activity("handle-call").SetIdFormat(ActivityIdFormat.W3C).Start();

        await fixture.Store.PutAsync(key, """{"n":1}""", new EntityWriteOptions { CorrelationId = "from-the-bus" });
        activity.Stop();

        Assert.Equal("from-the-bus", (await fixture.Store.GetVersionAsync(key, 1)).Provenance.CorrelationId);
    }

    [Fact]
    public async Task without_an_activity_the_correlation_id_stays_empty()
    {
        var key = StoreClusterFixture.NewKey();
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            await fixture.Store.PutAsync(key, """{"n":1}""");
        }
        finally
        {
            Activity.Current = previous;
        }

        Assert.Null((await fixture.Store.GetVersionAsync(key, 1)).Provenance.CorrelationId);
    }
}
