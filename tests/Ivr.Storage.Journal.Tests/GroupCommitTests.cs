using Ivr.Storage.Testing;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.Journal.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task many_concurrent_appends_across_entities_all_commit_with_distinct_positions()
    {
        await using var harness = await JournalHarness.StartAsync(o => o.MaxConcurrentBatches = 1);
        var records = Enumerable.Range(0, 500).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();

        var outcomes = await Task.WhenAll(records.Select(r => harness.Journal.AppendAsync(r)));

        var positions = outcomes.Select(o => Assert.IsType<AppendOutcome.Committed>(o).Position).ToArray();
        Assert.Equal(positions.Length, positions.Distinct().Count());
        foreach (var record in records.Take(20))
        {
            Assert.Equal(record.Hash, (await harness.Journal.ReadVersionAsync(record.Key, 1))!.Hash);
        }
    }

    [Fact]
    public async Task a_committed_append_reports_when_it_was_queued_and_its_statement_started_and_returned_in_that_order()
    {
        await using var harness = await JournalHarness.StartAsync(o => o.MaxConcurrentBatches = 1);
        var records = Enumerable.Range(0, 50).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();

        var outcomes = await Task.WhenAll(records.Select(r => harness.Journal.AppendAsync(r)));

        // What the entity grain splits a write's time with (ivr.write.stage.duration): queue and statement never negative.
        Assert.All(outcomes, outcome =>
        {
            var timing = Assert.IsType<AppendOutcome.Committed>(outcome).Timing;
            Assert.True(timing.IsMeasured);
            Assert.InRange(timing.StatementStarted, timing.Queued, timing.Committed);
        });
    }

    [Fact]
    public async Task a_conflict_inside_a_batch_fails_only_its_own_write()
    {
        await using var harness = await JournalHarness.StartAsync(o => o.MaxConcurrentBatches = 1);
        var taken = Enumerable.Range(0, 50).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();
        await Task.WhenAll(taken.Select(r => harness.Journal.AppendAsync(r)));
        var fresh = Enumerable.Range(0, 50).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();
        var duplicates = taken.Select(r => TestChains.Next(r.Key, null, """{"loser":true}""")).ToArray();

        var mixed = fresh.Zip(duplicates, (a, b) => new[] { a, b }).SelectMany(pair => pair).ToArray();
        var outcomes = await Task.WhenAll(mixed.Select(r => harness.Journal.AppendAsync(r)));

        for (var i = 0; i < mixed.Length; i++)
        {
            if (i % 2 == 0)
            {
                Assert.IsType<AppendOutcome.Committed>(outcomes[i]);
            }
            else
            {
                Assert.IsType<AppendOutcome.VersionTaken>(outcomes[i]);
                Assert.Equal(taken[i / 2].Payload, (await harness.Journal.ReadVersionAsync(mixed[i].Key, 1))!.Payload);
            }
        }
    }

    [Fact]
    public async Task a_row_the_database_refuses_fails_alone_and_acknowledges_nothing_partial()
    {
        await using var harness = await JournalHarness.StartAsync(o => o.MaxConcurrentBatches = 1);
        var good = Enumerable.Range(0, 40).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();
        // A 16-byte hash violates the journal's CHECK constraint: the statement carrying it fails as a whole.
        var bad = TestChains.Next(JournalHarness.NewKey(), null) with { Hash = new byte[16] };

        var appends = good.Take(20).Select(r => harness.Journal.AppendAsync(r))
            .Append(harness.Journal.AppendAsync(bad))
            .Concat(good.Skip(20).Select(r => harness.Journal.AppendAsync(r)))
            .ToArray();
        await Assert.ThrowsAnyAsync<Exception>(() => Task.WhenAll(appends));

        Assert.IsType<StoreUnavailableException>(appends[20].Exception!.InnerException);
        Assert.Null(await harness.Journal.ReadVersionAsync(bad.Key, 1));
        foreach (var (record, append) in good.Zip(appends.Where((_, i) => i != 20)))
        {
            Assert.IsType<AppendOutcome.Committed>(await append);
            Assert.NotNull(await harness.Journal.ReadVersionAsync(record.Key, 1));
        }
    }

    [Fact]
    public async Task awkward_payloads_hash_the_same_after_a_round_trip_through_the_journal()
    {
        await using var harness = await JournalHarness.StartAsync();
        string[] payloads =
        [
            """{"b":1,"a":2,"aa":{"z":[1,2.5,-0,1e21,1e-7,123456789012345678901234567890]}}""",
            """{"unicode":"é😀\u0007\u001f\"\\/","€":"\r\n","":"empty key"}""",
            """{"deep":{"x":{"y":{"z":[[],{},[{}]]}}},"big":1.7976931348623157e308,"tiny":5e-324}""",
            """{"numbers":[1.0,100,0.000001,1E3,-12.50]}""",
        ];

        foreach (var payload in payloads)
        {
            var key = JournalHarness.NewKey();
            var record = TestChains.Next(key, null, Json.JsonPayload.ParseObject(payload, new Json.JsonPayloadLimits { ExactNumbers = false }).Json);
            await harness.Journal.AppendAsync(record);

            var stored = (await harness.Journal.ReadVersionAsync(key, 1))!;

            Assert.Equal(record.Payload, stored.Payload);
            Assert.Equal(record.Hash, ChainHash.Compute(stored));
        }
    }
}
