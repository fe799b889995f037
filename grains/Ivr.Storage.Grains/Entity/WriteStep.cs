using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.Grains.Entity;

/// <summary>What the entity grain does next in a write, as its <see cref="WriteDecision"/> says.</summary>
internal abstract record WriteStep
{
    private WriteStep()
    {
    }

    /// <summary>The one <see cref="Append"/> step (it carries nothing).</summary>
    public static WriteStep AppendRow { get; } = new Append();

    /// <summary>The one <see cref="LookUpKey"/> step (it carries nothing).</summary>
    public static WriteStep LookUpIdempotencyKey { get; } = new LookUpKey();

    /// <summary>
    /// Read the head from the journal and report it (<see cref="WriteDecision.HeadRead"/>). <paramref name="TakenVersion"/>
    /// is the version another activation took from this write (the journal's fence), or null.
    /// </summary>
    public sealed record ReadHead(long? TakenVersion) : WriteStep;

    /// <summary>
    /// Compute the new payload on the head and append the row, then report what the journal did
    /// (<see cref="WriteDecision.Appended"/>); or report that the operation cannot apply to this head
    /// (<see cref="WriteDecision.OperationRefused"/>).
    /// </summary>
    public sealed record Append : WriteStep;

    /// <summary>A refusal is due: find the row holding the request's idempotency key and report it (<see cref="WriteDecision.KeyLookedUp"/>).</summary>
    public sealed record LookUpKey : WriteStep;

    /// <summary>
    /// Answer as <paramref name="Earlier"/>, the write that holds the request's idempotency key: a replay if it was
    /// the same request, else an idempotency conflict. <paramref name="HeadIsStale"/>: read the head first.
    /// </summary>
    public sealed record Replay(JournalRecord Earlier, bool HeadIsStale) : WriteStep;

    /// <summary>The row is committed at <paramref name="Position"/>: take it as the head and acknowledge it.</summary>
    public sealed record Acknowledge(FeedPosition Position) : WriteStep;

    /// <summary>Refuse the write with <paramref name="Error"/>; nothing was written.</summary>
    public sealed record Refuse(EntityStoreException Error) : WriteStep;
}
