using System.Diagnostics;

namespace Ivr.Storage.Journal.GroupCommit;

/// <summary>
/// The span of one group commit (activity source <c>Ivr.Storage.Journal</c>), parent of its Npgsql INSERT span.
/// One statement serves many requests, so it cannot sit inside every request's trace: a lone append's statement is
/// a child of the append's caller (the grain call), so that request's trace reaches the database call directly; a
/// batch of several is a root with a link to each caller's span (OpenTelemetry's model for batched work), so every
/// request still leads to the statement that committed it.
/// </summary>
internal static class GroupCommitTracing
{
    public const string BatchSpanName = "ivr.journal.group_commit";

    private static readonly ActivitySource Source = new(JournalActivitySource.Name);

    /// <summary>The caller's span to remember with an append; default when nobody traces it.</summary>
    public static ActivityContext CallerContext() =>
        Source.HasListeners() && Activity.Current is { } current ? current.Context : default;

    /// <summary>Starts the batch's span (null when nobody listens); it becomes <see cref="Activity.Current"/> for the statement.</summary>
    public static Activity? StartBatch(List<PendingAppend> batch)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity;
        if (batch.Count == 1)
        {
            activity = Source.StartActivity(BatchSpanName, ActivityKind.Internal, batch[0].Caller);
        }
        else
        {
            var links = new List<ActivityLink>(batch.Count);
            foreach (var pending in batch)
            {
                if (pending.Caller != default)
                {
                    links.Add(new ActivityLink(pending.Caller));
                }
            }

            // A root: the flush runs without its callers' execution context, so no ambient span becomes the parent.
            activity = Source.StartActivity(BatchSpanName, ActivityKind.Internal, parentContext: default, links: links);
        }

        activity?.SetTag("ivr.journal.batch.size", batch.Count);
        return activity;
    }

    /// <summary>Marks the batch's span failed.</summary>
    public static void Failed(Activity? activity, Exception exception) =>
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
}
