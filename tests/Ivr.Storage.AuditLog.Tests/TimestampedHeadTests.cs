using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog.Sinks;
using Ivr.Storage.AuditLog.Timestamps;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>
/// RFC 3161 timestamps of signed heads against a real authority on loopback (<see cref="LocalTimestampAuthority"/>):
/// stored with the head, exported by the sink, checked wherever a head is verified. Each test has a database of its own.
/// </summary>
public sealed class TimestampedHeadTests
{
    [Fact]
    public async Task should_store_and_export_every_head_with_a_token_over_its_hash_that_the_verifier_accepts()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_tsa");
        await using var authority = new LocalTimestampAuthority();
        using var http = new HttpClient();
        var records = await WriteAndLogAsync(log, new Rfc3161TimestampAuthority(http, authority.Url));

        log.Keys.AddTimestampAuthority(authority.Certificate);
        var exported = log.ExportedHeads();
        Assert.NotEmpty(exported);
        Assert.All(exported.Values, head => Assert.True(log.Keys.Verify(head).IsValid, log.Keys.Verify(head).ToString()));
        Assert.All(exported.Values, head => Assert.NotNull(head.TimestampToken));
        var stored = (await log.Reader.LatestHeadAsync())!;
        Assert.Equal(exported[stored.TreeSize].TimestampToken, stored.TimestampToken);
        var proof = await log.Reader.InclusionAsync(records[0].Key, records[0].Version, stored.TreeSize);
        Assert.True(new AuditVerifier(log.Keys).VerifyVersion(proof.Leaf, proof.Proof, exported[stored.TreeSize]).IsValid);
        Assert.Equal(exported.Count, authority.Requests);
    }

    [Fact]
    public async Task should_refuse_a_head_carrying_another_heads_token_an_untrusted_authoritys_or_garbage()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_tsa_forged");
        await using var authority = new LocalTimestampAuthority();
        await using var other = new LocalTimestampAuthority("ivr-test-other-tsa");
        using var http = new HttpClient();
        await WriteAndLogAsync(log, new Rfc3161TimestampAuthority(http, authority.Url));
        log.Keys.AddTimestampAuthority(authority.Certificate);
        var heads = log.ExportedHeads().Values.ToList();
        var (first, last) = (heads[0], heads[^1]);
        Assert.True(first.TreeSize < last.TreeSize);
        Assert.True(log.Keys.Verify(last).IsValid);

        // Attack: the last head presented with the first head's token (a real token of the trusted authority).
        AssertBadTimestamp(log.Keys.Verify(last with { TimestampToken = first.TimestampToken }));
        // Attack: a real token over the last head, from an authority the auditor does not trust.
        var foreign = await new Rfc3161TimestampAuthority(http, other.Url).TimestampAsync(last.HeadHash(), CancellationToken.None);
        AssertBadTimestamp(log.Keys.Verify(last with { TimestampToken = foreign }));
        // Attack: bytes that are no token, and a token cut short.
        AssertBadTimestamp(log.Keys.Verify(last with { TimestampToken = [0x30, 0x03, 0x02, 0x01, 0x01] }));
        AssertBadTimestamp(log.Keys.Verify(last with { TimestampToken = last.TimestampToken![..^1] }));
    }

    [Fact]
    public async Task should_store_no_head_while_the_authority_gives_no_token_then_go_on_when_it_answers()
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_tsa_down");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var records = await log.WriteAsync("call-session", entities: 1, versions: 3);
        await log.FeedShowsAsync(records.Count);
        // Nothing listens on this port: the authority is unreachable.
        var unreachable = new Uri($"http://127.0.0.1:{Testing.FreePorts.Any()}/tsa/");
        var writer = Writer(log, new Rfc3161TimestampAuthority(http, unreachable));
        await writer.ClaimAsync();

        await Assert.ThrowsAsync<TimestampAuthorityException>(() => writer.RunOnceAsync());
        Assert.Null(await log.Reader.LatestHeadAsync());
        Assert.Equal(0, writer.TreeSize);

        await using var authority = new LocalTimestampAuthority();
        var resumed = Writer(log, new Rfc3161TimestampAuthority(http, authority.Url));
        await resumed.ClaimAsync();
        await AuditLogHarness.CatchUpToAsync(resumed, records.Count);
        Assert.NotNull((await log.Reader.LatestHeadAsync())!.TimestampToken);
    }

    /// <summary>Two entities of three versions, logged by a writer that timestamps its heads (a head every two versions).</summary>
    private static async Task<List<Journal.JournalRecord>> WriteAndLogAsync(AuditLogHarness log, ITimestampAuthority authority)
    {
        var records = await log.WriteAsync("call-session", entities: 2, versions: 3);
        var writer = Writer(log, authority);
        await writer.ClaimAsync();
        await AuditLogHarness.CatchUpToAsync(writer, records.Count);
        return records;
    }

    private static void AssertBadTimestamp(AuditResult result) => Assert.True(result.Failure == AuditFailure.BadTimestamp, result.ToString());

    private static TransparencyLogWriter Writer(AuditLogHarness log, ITimestampAuthority authority) =>
        new(log.Runtime, log.Journal.Journal, log.Signer, [new DirectoryTreeHeadSink(log.HeadDirectory.FullName)], TimeProvider.System,
            new AuditLogOptions { BatchSize = 2, HeadEveryVersions = 2, HeadInterval = TimeSpan.FromHours(1) }, "journal", authority);
}
