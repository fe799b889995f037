using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.GroupCommit;

internal sealed partial class GroupCommitWriter
{
    // Accepted and not yet answered (waiting or in a statement in flight): what the bounds limit. Under the gate.
    private int _heldAppends;
    private long _heldBytes;

    /// <summary>Under the gate: counts <paramref name="pending"/> as held, or refuses it at once when a bound is reached.</summary>
    /// <exception cref="StoreUnavailableException">The queue is full (<see cref="StoreUnavailableException.NotAttempted"/>).</exception>
    private void Hold(PendingAppend pending)
    {
        // The first append is always accepted, so a bound smaller than one large append cannot refuse it forever.
        if (_heldAppends > 0 && (_heldAppends >= _options.MaxQueuedAppends || _heldBytes + pending.Bytes > _options.MaxQueuedBytes))
        {
            _metrics.RecordRefused();
            throw new StoreUnavailableException(
                $"The journal's write queue is full ({_heldAppends} appends, {_heldBytes} bytes waiting for the database); the write was not attempted. Retry later.")
            {
                NotAttempted = true,
            };
        }

        _heldAppends++;
        _heldBytes += pending.Bytes;
    }

    /// <summary>Under the gate: every append of the batch has its answer now (FlushAsync or FailAll), so it no longer counts as held.</summary>
    private void Release(List<PendingAppend> batch)
    {
        _heldAppends -= batch.Count;
        foreach (var pending in batch)
        {
            _heldBytes -= pending.Bytes;
        }
    }
}
