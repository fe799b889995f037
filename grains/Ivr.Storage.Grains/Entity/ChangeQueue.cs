using System.Threading.Channels;
using Ivr.Storage.Journal.Feed;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// The <see cref="ChangePublisher"/>'s queue: bounded by count and by bytes, never blocking a writer. A version that
/// does not fit is refused (the caller counts it as dropped); subscribers catch it up from the feed.
/// </summary>
internal sealed class ChangeQueue(int capacity, long maxBytes)
{
    // The version's strings are shared with the grain's head, but older versions stay alive only through this queue.
    private const int FixedAllowance = 512;

    // Wait mode, so that TryWrite says when the queue is full (the drop modes report success for what they drop).
    private readonly Channel<(FeedEntry Entry, long Bytes)> _channel = Channel.CreateBounded<(FeedEntry, long)>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private long _bytes;

    /// <summary>Bytes held now, as estimated (<see cref="Size"/>).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>What a queued version holds in memory: its payload and id as .NET strings, plus a fixed allowance.</summary>
    public static long Size(FeedEntry entry) =>
        FixedAllowance + (2L * ((entry.Record.Payload?.Length ?? 0) + entry.Record.Key.Id.Length));

    /// <summary>Queues the version unless the queue is full by count or bytes; an empty queue takes any one version.</summary>
    public bool TryWrite(FeedEntry entry)
    {
        var size = Size(entry);
        var held = Interlocked.Add(ref _bytes, size);
        if ((held > maxBytes && held != size) || !_channel.Writer.TryWrite((entry, size)))
        {
            Interlocked.Add(ref _bytes, -size);
            return false;
        }

        return true;
    }

    public bool TryRead(out FeedEntry entry)
    {
        if (_channel.Reader.TryRead(out var item))
        {
            Interlocked.Add(ref _bytes, -item.Bytes);
            entry = item.Entry;
            return true;
        }

        entry = null!;
        return false;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();
}
