using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog.Sinks;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>A database of its own with a journal, a signing key, a head directory and writers over them.</summary>
internal sealed class AuditLogHarness : IAsyncDisposable
{
    private AuditLogHarness(TestDatabase database, JournalHarness journal, NpgsqlDataSource runtime)
    {
        Database = database;
        Journal = journal;
        Runtime = runtime;
        Keys.Add(Signer.PublicKey);
    }

    public TestDatabase Database { get; }

    public JournalHarness Journal { get; }

    /// <summary>The runtime role's pool: the writer runs with nothing more.</summary>
    public NpgsqlDataSource Runtime { get; }

    public TreeHeadSigner Signer { get; } = new(TreeHeadKeys.Generate());

    public TreeHeadKeyRing Keys { get; } = new();

    public DirectoryInfo HeadDirectory { get; } = Directory.CreateTempSubdirectory("ivr-audit-heads-");

    public TransparencyLogReader Reader => new(Runtime);

    public static async Task<AuditLogHarness> StartAsync(string prefix)
    {
        var database = await TestDatabase.CreateAsync(prefix);
        var journal = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        return new AuditLogHarness(database, journal, NpgsqlDataSource.Create(database.JournalConnectionString));
    }

    public TransparencyLogWriter Writer(int batchSize = 50, long headEveryVersions = 10, TimeProvider? clock = null) =>
        new(Runtime, Journal.Journal, Signer, [new DirectoryTreeHeadSink(HeadDirectory.FullName)], clock ?? TimeProvider.System,
            new AuditLogOptions { BatchSize = batchSize, HeadEveryVersions = headEveryVersions, HeadInterval = TimeSpan.FromHours(1) });

    /// <summary>Writes <paramref name="entities"/> chains of <paramref name="versions"/> versions; returns every record.</summary>
    public async Task<List<JournalRecord>> WriteAsync(string type, int entities, int versions)
    {
        var records = new List<JournalRecord>();
        for (var e = 0; e < entities; e++)
        {
            var chain = TestChains.Chain(EntityKey.Create(type, $"e{e}"), versions);
            await TestChains.AppendAllAsync(Journal.Journal, chain, concurrency: 1);
            records.AddRange(chain);
        }

        return records;
    }

    /// <summary>Waits until the feed shows <paramref name="count"/> versions: it shows a commit only once every older
    /// transaction on the server ended, and other test assemblies share the server.</summary>
    public Task FeedShowsAsync(int count) =>
        Eventually.HoldsAsync(
            async () => (await Journal.Journal.ReadAsync(FeedPosition.Start, count)).Count >= count,
            TimeSpan.FromSeconds(30),
            () => $"the feed did not show {count} versions");

    /// <summary>Catches up until the log holds <paramref name="size"/> leaves (the feed shows a commit once older transactions on the server ended).</summary>
    public static Task CatchUpToAsync(TransparencyLogWriter writer, long size) =>
        Eventually.HoldsAsync(
            async () =>
            {
                await writer.CatchUpAsync();
                return writer.TreeSize >= size;
            },
            TimeSpan.FromSeconds(30),
            () => $"the log reached {writer.TreeSize} leaves, not {size}");

    /// <summary>The root of the tree over the first <paramref name="count"/> versions of the feed, computed in memory.</summary>
    public async Task<byte[]> RootOfFeedAsync(int count)
    {
        var expected = new Audit.Merkle.MemoryMerkleTree();
        foreach (var entry in await Journal.Journal.ReadAsync(FeedPosition.Start, count))
        {
            expected.Append(TransparencyLogWriter.LeafOf(entry).Hash());
        }

        return expected.Root();
    }

    /// <summary>The heads exported to the directory, by size.</summary>
    public SortedDictionary<long, SignedTreeHead> ExportedHeads() =>
        new(HeadDirectory.GetFiles("head-*.json").Select(f => TreeHeadJson.Parse(File.ReadAllText(f.FullName))).ToDictionary(h => h.TreeSize));

    public async ValueTask DisposeAsync()
    {
        Signer.Dispose();
        await Runtime.DisposeAsync();
        await Journal.DisposeAsync();
        await Database.DisposeAsync();
        HeadDirectory.Delete(recursive: true);
    }
}
