using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Entity;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// The change publisher's queue under a stream that does not drain it: bounded by bytes as well as by count, dropping
/// (and counting) what does not fit instead of holding it. The feed still has every version.
/// </summary>
public sealed class ChangePublisherBoundTests
{
    private static readonly string Large = $$"""{"pad":"{{new string('x', 100_000)}}"}""";

    [Fact]
    public void the_queue_refuses_versions_beyond_its_byte_bound_and_takes_them_again_once_drained()
    {
        var entry = Entry(Large);
        var queue = new ChangeQueue(capacity: 1000, maxBytes: 3 * ChangeQueue.Size(entry));

        var accepted = Enumerable.Range(0, 5).Select(_ => queue.TryWrite(Entry(Large))).ToArray();

        Assert.Equal([true, true, true, false, false], accepted);
        Assert.Equal(3 * ChangeQueue.Size(entry), queue.Bytes);
        // Small versions do not fit either while the bound is reached: bytes, not count, is the limit here.
        Assert.False(queue.TryWrite(Entry("""{"n":1}""")));
        Assert.True(queue.TryRead(out _));
        Assert.True(queue.TryWrite(Entry(Large)));
        Assert.False(queue.TryWrite(Entry(Large)));
    }

    [Fact]
    public void an_empty_queue_takes_one_version_larger_than_its_bound_and_the_count_bound_still_holds()
    {
        var bytes = new ChangeQueue(capacity: 1000, maxBytes: 10);
        var count = new ChangeQueue(capacity: 2, maxBytes: long.MaxValue);

        Assert.True(bytes.TryWrite(Entry(Large)));
        Assert.False(bytes.TryWrite(Entry("""{"n":1}""")));
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => count.TryWrite(Entry("""{"n":1}"""))));
    }

    [Fact]
    public void the_publisher_drops_versions_beyond_its_byte_bound_and_counts_them()
    {
        // No cluster client here: the publisher's loop cannot reach a stream, like a stalled one, so nothing drains the queue.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var metrics = new EntityMetrics(meters);
        using var dropped = new MetricCollector<long>(meters, EntityMetrics.MeterName, "ivr.entity.changes.dropped");
        var options = Options.Create(new EntityGrainOptions { PublishQueueBytes = 3 * ChangeQueue.Size(Entry(Large)) });
        using var publisher = new ChangePublisher(services, options, metrics, NullLogger<ChangePublisher>.Instance);

        for (var i = 0; i < 5; i++)
        {
            publisher.Publish(Entry(Large, "bounded-type"));
        }

        Assert.Equal(2, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(dropped.GetMeasurementSnapshot(), measurement => Assert.Equal("bounded-type", measurement.Tags["entity.type"]));
    }

    private static FeedEntry Entry(string payload, string type = "publisher-test") =>
        new(TestChains.Next(EntityKey.Create(type, Guid.NewGuid().ToString("N")), null, payload), new FeedPosition(1, 1));
}
