using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Audit.Timestamps;
using Ivr.Storage.AuditLog.Sinks;
using Ivr.Storage.AuditLog.Timestamps;
using Npgsql;

namespace Ivr.Storage.AuditLog;

/// <summary>
/// Extends the transparency log from the change feed, like the read model's projector: it claims the log (an epoch
/// that fences any older writer), and each batch (leaves, new subtree nodes, the moved size and checkpoint, and the
/// head when one is due) commits in one transaction, only while the epoch is its own and the size the one it started
/// from. A crash or a competing writer therefore leaves the stored tree exactly the feed up to the checkpoint, and at
/// most one head per size exists. Heads go to the sinks only after they committed. With a timestamp authority, each
/// head is stored with its RFC 3161 token, obtained before the transaction: no token, no head (the batch waits).
/// </summary>
public sealed partial class TransparencyLogWriter(
    NpgsqlDataSource database,
    IChangeFeedSource feed,
    TreeHeadSigner signer,
    IReadOnlyList<ITreeHeadSink> sinks,
    TimeProvider clock,
    AuditLogOptions options,
    string name = "journal",
    ITimestampAuthority? timestamps = null)
{
    private long _epoch;
    private FeedPosition _checkpoint;
    private MerkleFrontier _frontier = new();
    private SignedTreeHead? _lastHead;

    public string Name => name;

    public long TreeSize => _frontier.Size;

    public SignedTreeHead? LastHead => _lastHead;

    /// <summary>Test hook: runs after the batch's rows are written and before the transaction commits.</summary>
    internal Func<Task>? BeforeCommit { get; set; }

    /// <summary>Claims the log (fencing any older writer), reloads the tree's right edge and re-exports the latest head.</summary>
    public async Task ClaimAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long size;
        await using (var claim = new NpgsqlCommand(AuditLogSql.Claim, connection))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            _epoch = reader.GetInt64(0);
            size = reader.GetInt64(1);
            _checkpoint = new FeedPosition((ulong)reader.GetInt64(2), reader.GetInt64(3));
        }

        var edge = MerkleFrontier.EdgeOf(size);
        var nodes = await AuditLogStore.ReadNodesAsync(connection, edge, cancellationToken);
        _frontier = new MerkleFrontier(size, [.. edge.Select(address => nodes[address])]);
        _lastHead = await AuditLogStore.ReadHeadAsync(connection, null, cancellationToken);
        if (_lastHead is { } head)
        {
            await ExportAsync(head, cancellationToken);
        }
    }

    /// <summary>Appends the next batch of at most <see cref="AuditLogOptions.BatchSize"/> versions; signs a head when due.</summary>
    /// <returns>How many versions it appended.</returns>
    /// <exception cref="TransparencyLogFencedException">A newer writer owns the log.</exception>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var batch = await feed.ReadAsync(_checkpoint, options.BatchSize, cancellationToken);
        var frontier = _frontier.Clone();
        var nodes = new List<(NodeAddress Address, byte[] Hash)>();
        foreach (var entry in batch)
        {
            nodes.AddRange(frontier.Append(LeafOf(entry).Hash()));
        }

        var head = HeadDue(frontier.Size)
            ? signer.Sign(frontier.Size, frontier.Root(), clock.GetUtcNow(), _lastHead?.HeadHash() ?? SignedTreeHead.NoPreviousHead())
            : null;
        if (head is not null && timestamps is not null)
        {
            head = head with { TimestampToken = await timestamps.TimestampAsync(HeadTimestamp.Imprint(head), cancellationToken) };
        }

        if (batch.Count == 0 && head is null)
        {
            return 0;
        }

        var checkpoint = batch.Count == 0 ? _checkpoint : batch[^1].Position;
        await CommitAsync(batch, nodes, frontier.Size, checkpoint, head, cancellationToken);
        _frontier = frontier;
        _checkpoint = checkpoint;
        if (head is not null)
        {
            _lastHead = head;
            await ExportAsync(head, cancellationToken);
        }

        return batch.Count;
    }

    /// <summary>Runs batches until the feed has nothing more (bounded by <paramref name="maxBatches"/>).</summary>
    public async Task<int> CatchUpAsync(int maxBatches = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (var i = 0; i < maxBatches; i++)
        {
            var appended = await RunOnceAsync(cancellationToken);
            if (appended == 0)
            {
                break;
            }

            total += appended;
        }

        return total;
    }

    internal static LogLeaf LeafOf(FeedEntry entry) =>
        new(entry.Record.Key.Type, entry.Record.Key.Id, entry.Record.Version, entry.Record.Hash);

    private bool HeadDue(long size)
    {
        var signedSize = _lastHead?.TreeSize ?? 0;
        if (size <= signedSize)
        {
            return false;
        }

        return size - signedSize >= options.HeadEveryVersions
            || _lastHead is null
            || clock.GetUtcNow() - _lastHead.Timestamp >= options.HeadInterval;
    }

    private async Task ExportAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            await sink.ExportAsync(head, cancellationToken);
        }
    }
}
