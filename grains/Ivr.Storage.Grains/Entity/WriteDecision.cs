using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// Decides one write of an entity: append it, replay an earlier write with the same idempotency key, or refuse it.
/// It does no I/O: the grain does what each <see cref="WriteStep"/> says (read the head, look the key up, append the
/// row) and reports what it found. One instance per write.
/// <para>The rules:</para>
/// <list type="number">
/// <item>The expectation is checked on the head, then the operation (a patch or delete needs a live entity). If both
/// hold, the row is appended.</item>
/// <item>A refusal (version conflict, entity missing or deleted) is only ever given on a head just read from the
/// journal. The activation's own head may be stale: another activation of the same entity (a silo paused until
/// declared dead, then resumed) may have written since. Found by the fault-injection suite (issue 8, SIGSTOP): a
/// retried patch was answered 404 on a head that predated the entity's first version, then the paused original
/// committed it, so the client was told "refused" about a write that is in the journal.</item>
/// <item>Before refusing, the idempotency key is looked up: a request whose key the journal holds is a retry of a
/// write that committed (its answer lost with a silo), and its head includes that write, so "expected version" or
/// "must be live" fail on it. That is a replay, not a refusal (issue 8: a retried delete was answered 410).</item>
/// <item>If the journal keeps the row out because the key is taken, the request is a replay of that row, whatever
/// version it expected.</item>
/// <item>If the journal keeps the row out because another activation took the version (the unique key fences
/// duplicate activations), the head is read and the write decided once more on it; this never bumps the number
/// blindly, so an exact expected version ends in a conflict. A second fence within one write is a conflict.</item>
/// </list>
/// </summary>
internal sealed class WriteDecision(EntityKey key, ExpectedVersion expected, bool hasIdempotencyKey)
{
    private bool _headIsFresh;
    private int _fences;
    private EntityStoreException? _dueRefusal;

    /// <summary>The first step, on the head the activation holds.</summary>
    public WriteStep Begin(long headVersion, bool headIsDeleted) => OnHead(headVersion, headIsDeleted);

    /// <summary>The next step, on a head just read from the journal (after <see cref="WriteStep.ReadHead"/>).</summary>
    public WriteStep HeadRead(long headVersion, bool headIsDeleted)
    {
        _headIsFresh = true;
        // The journal reported the key free when it fenced this write a second time, so no lookup: refuse.
        return _fences > 1
            ? new WriteStep.Refuse(Conflict(headVersion, headIsDeleted))
            : OnHead(headVersion, headIsDeleted);
    }

    /// <summary>The operation cannot apply to the head (<see cref="EntityNotFoundException"/>, <see cref="EntityDeletedException"/>).</summary>
    public WriteStep OperationRefused(EntityStoreException refusal) => RefusalDue(refusal);

    /// <summary>The row holding the request's idempotency key, or null (after <see cref="WriteStep.LookUpKey"/>).</summary>
    public WriteStep KeyLookedUp(JournalRecord? holder)
    {
        var refusal = _dueRefusal ?? throw new InvalidOperationException("No refusal is due: the key is looked up only before refusing.");
        return holder is null ? new WriteStep.Refuse(refusal) : new WriteStep.Replay(holder, HeadIsStale: false);
    }

    /// <summary>What the journal did with the row (after <see cref="WriteStep.Append"/>).</summary>
    public WriteStep Appended(AppendOutcome outcome) => outcome switch
    {
        AppendOutcome.Committed committed => new WriteStep.Acknowledge(committed.Position),
        AppendOutcome.IdempotencyKeyUsed used => new WriteStep.Replay(used.Existing, HeadIsStale: true),
        AppendOutcome.VersionTaken taken => Fenced(taken.Version),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An append outcome this decision does not know."),
    };

    private WriteStep OnHead(long headVersion, bool headIsDeleted) =>
        expected.IsSatisfiedBy(headVersion, headIsDeleted)
            ? WriteStep.AppendRow
            : RefusalDue(Conflict(headVersion, headIsDeleted));

    private WriteStep Fenced(long takenVersion)
    {
        _fences++;
        return new WriteStep.ReadHead(takenVersion);
    }

    private WriteStep RefusalDue(EntityStoreException refusal)
    {
        if (!_headIsFresh)
        {
            return new WriteStep.ReadHead(TakenVersion: null);
        }

        if (hasIdempotencyKey)
        {
            _dueRefusal = refusal;
            return WriteStep.LookUpIdempotencyKey;
        }

        return new WriteStep.Refuse(refusal);
    }

    private ConcurrencyConflictException Conflict(long headVersion, bool headIsDeleted) =>
        new(key, expected, headVersion, headIsDeleted);
}
