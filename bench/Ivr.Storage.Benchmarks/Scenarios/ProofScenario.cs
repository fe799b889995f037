using System.Diagnostics;
using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Merkle;
using Ivr.Storage.AuditLog;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// D2: inclusion proofs on a large log, as the proof route reads them (TransparencyLogReader: the head, the leaf, its
/// O(log n) subtree hashes in one read), beside a primary-key SELECT of one node on the same tables and pool. The
/// log is built in bulk in a database of its own (<see cref="SyntheticLogTree"/>); every proof is verified.
/// </summary>
internal static class ProofScenario
{
    private const int Callers = 8;

    public static async Task<IReadOnlyList<Comparison>> RunD2Async(ScenarioContext context)
    {
        var leaves = context.Options.Smoke ? 10_000 : context.Options.TreeLeaves;
        await using var database = await TestDatabase.CreateAsync("ivr_bench_tree");
        await using var owner = NpgsqlDataSource.Create(database.OwnerConnectionString);
        var built = Stopwatch.StartNew();
        await SyntheticLogTree.FillAsync(owner, leaves);
        var head = await SignHeadAsync(owner, leaves);
        built.Stop();
        Console.Error.WriteLine($"D2: a log of {leaves:N0} leaves built in {built.Elapsed.TotalSeconds:0} s");

        await using var runtime = NpgsqlDataSource.Create(database.JournalConnectionString);
        var reader = new TransparencyLogReader(runtime);
        var verifier = new AuditVerifier(Keys(head.Signer));
        var invalid = 0;
        var proofs = await LoadRunner.RunAsync($"inclusion proof in a log of {leaves:N0} leaves", Callers, context.Options.Duration, async (caller, sequence) =>
        {
            var leaf = Leaf(caller, sequence, leaves);
            var proof = await reader.InclusionAsync(EntityKey.Create("tree", $"t-{leaf}"), 1, leaves);
            if (!verifier.VerifyVersion(proof.Leaf, proof.Proof, head.Head).IsValid)
            {
                Interlocked.Increment(ref invalid);
            }
        }, warmUp: context.Options.WarmUp);
        var baseline = await LoadRunner.RunAsync("primary-key SELECT of one node", Callers, context.Options.Duration, async (caller, sequence) =>
        {
            await using var command = runtime.CreateCommand("SELECT hash FROM ivr_audit.log_nodes WHERE level = 0 AND idx = $1");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Leaf(caller, sequence, leaves) });
            _ = await command.ExecuteScalarAsync();
        }, warmUp: context.Options.WarmUp);
        head.Signer.Dispose();
        if (invalid > 0)
        {
            throw new InvalidOperationException($"{invalid} proofs of the synthetic log did not verify: its SQL hashing differs from the library's.");
        }

        return
        [
            new Comparison("D2", $"inclusion proof p99, {leaves:N0} leaves", proofs, baseline, "p99 ms", proofs.P99Ms, "< 5", proofs.P99Ms < 5,
                $"{Callers} callers, random leaves, each proof verified; log built in bulk in {built.Elapsed.TotalSeconds:0} s"),
        ];
    }

    /// <summary>Spread over the whole log: a multiplicative hash of (caller, sequence).</summary>
    private static long Leaf(int caller, long sequence, long leaves) =>
        (long)((((ulong)sequence * 64) + (ulong)caller) * 11400714819323198485UL % (ulong)leaves);

    private static TreeHeadKeyRing Keys(TreeHeadSigner signer)
    {
        var keys = new TreeHeadKeyRing();
        keys.Add(signer.PublicKey);
        return keys;
    }

    /// <summary>The root from the stored right edge, signed and stored as the writer would (one head, of the full size).</summary>
    private static async Task<(SignedTreeHead Head, TreeHeadSigner Signer)> SignHeadAsync(NpgsqlDataSource owner, long leaves)
    {
        var wanted = MerkleProofBuilder.NodesForRoot(leaves);
        var nodes = new Dictionary<NodeAddress, byte[]>();
        foreach (var address in wanted)
        {
            await using var read = owner.CreateCommand("SELECT hash FROM ivr_audit.log_nodes WHERE level = $1 AND idx = $2");
            read.Parameters.Add(new NpgsqlParameter<short> { TypedValue = checked((short)address.Level) });
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = address.Index });
            nodes[address] = (byte[])(await read.ExecuteScalarAsync())!;
        }

        var signer = new TreeHeadSigner(TreeHeadKeys.Generate());
        // PostgreSQL keeps microseconds: the head read back must be the head signed.
        var now = DateTimeOffset.UtcNow;
        var head = signer.Sign(leaves, new MerkleProofBuilder(a => nodes[a]).Root(leaves), now.AddTicks(-(now.Ticks % 10)), SignedTreeHead.NoPreviousHead());
        await using var insert = owner.CreateCommand(
            "INSERT INTO ivr_audit.log_heads (tree_size, root_hash, signed_at, previous_head_hash, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)");
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head.TreeSize });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.RootHash });
        insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = head.Timestamp.UtcDateTime });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.PreviousHeadHash });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = head.KeyId });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.Signature });
        await insert.ExecuteNonQueryAsync();
        return (head, signer);
    }
}
