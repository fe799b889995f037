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

    /// <summary>
    /// Stops counting the batch's appends as held; each is released once, so this may run again for the same batch.
    /// Called before the appends are answered: a caller that writes again as soon as its write is acknowledged must not
    /// meet its own acknowledged write still filling the queue (callers' continuations run on the flushing thread).
    /// </summary>
    private void Release(List<PendingAppend> batch)
    {
        lock (_gate)
        {
            foreach (var pending in batch.Where(pending => !pending.Released))
            {
                pending.Released = true;
                _heldAppends--;
                _heldBytes -= pending.Bytes;
            }
        }
    }
}
