using System.Net;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// The Entity page's inclusion-proof status, next to the chain check: included (checked with the verifier against a
/// configured key), not yet signed, unchecked without a key, and the attacks: a forged or mismatching proof, a head
/// signed by another key or altered after signing, must never read "included".
/// </summary>
[Collection(AuditGatewayCollection.Name)]
public sealed class ConsoleProofStatusTests(AuditGatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const string Included = "Included in signed head of size";
    private const string Refuted = "Proof does not verify";

    [Fact]
    public async Task a_version_in_a_signed_head_is_shown_included_with_the_heads_size_key_and_time()
    {
        var id = await WriteTwoVersionsAsync();
        await using var gateway = Gateway();
        using var client = await SignedInAsync(gateway);

        var latest = await client.PageAsync($"/console/entities/call-session/{id}?verify=true");
        var first = await client.PageAsync($"/console/entities/call-session/{id}?v=1&verify=true");

        Assert.Contains(Included, latest, StringComparison.Ordinal);
        Assert.Contains("Transparency log, version 2", latest, StringComparison.Ordinal);
        Assert.Contains(fixture.Keys.KeyIds.Single(), latest, StringComparison.Ordinal);
        Assert.Contains("Transparency log, version 1", first, StringComparison.Ordinal);
        Assert.Contains(Included, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_a_configured_key_the_page_says_unchecked_never_included()
    {
        var id = await WriteTwoVersionsAsync();
        using var client = await SignedInAsync(fixture.Factory);

        var page = await client.PageAsync($"/console/entities/call-session/{id}?verify=true");

        Assert.Contains("Not checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Included, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_version_newer_than_the_latest_head_is_not_yet_in_a_signed_head()
    {
        var id = await WriteTwoVersionsAsync();
        await using var gateway = Gateway((_, proof) => throw new EntityNotFoundException(proof.Key, "not in that head"));
        using var client = await SignedInAsync(gateway);

        var page = await client.PageAsync($"/console/entities/call-session/{id}?verify=true");

        Assert.Contains("Not yet in a signed head", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Included, page, StringComparison.Ordinal);
    }

    public static TheoryData<string> Forgeries => ["flipped path", "another version's proof", "untrusted key", "altered head"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task a_forged_or_mismatching_proof_is_shown_as_failing_never_as_included(string forgery)
    {
        var id = await WriteTwoVersionsAsync();
        await using var gateway = Gateway(forgery switch
        {
            "flipped path" => (_, proof) => Task.FromResult(proof with { Path = [.. proof.Path.Select((hash, i) => i == 0 ? Flip(hash) : hash)] }),
            // The proof of version 1 is a valid proof, of the wrong leaf: it must not vouch for version 2.
            "another version's proof" => async (log, proof) => proof.Version == 2 ? await log.ProveVersionAsync(proof.Key, 1, proof.Head.TreeSize) with { Version = 2 } : proof,
            "untrusted key" => (_, proof) => Task.FromResult(proof with { Head = Resigned(proof.Head) }),
            _ => (_, proof) => Task.FromResult(proof with { Head = proof.Head with { Timestamp = proof.Head.Timestamp.AddHours(-1) } }),
        });
        using var client = await SignedInAsync(gateway);

        var page = await client.PageAsync($"/console/entities/call-session/{id}?verify=true");

        Assert.Contains(Refuted, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Included, page, StringComparison.Ordinal);
    }

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 0x01;
        return copy;
    }

    /// <summary>The same head signed by a key nobody configured.</summary>
    private static LogHead Resigned(LogHead head)
    {
        using var signer = new TreeHeadSigner(TreeHeadKeys.Generate());
        var signed = signer.Sign(head.TreeSize, head.RootHash, head.Timestamp, head.PreviousHeadHash);
        return head with { KeyId = signed.KeyId, Signature = signed.Signature };
    }

    /// <summary>The gateway trusting the log's key, its proofs passed through <paramref name="forge"/> (unchanged without one).</summary>
    private WebApplicationFactory<Program> Gateway(Func<IAuditLog, VersionInclusionProof, Task<VersionInclusionProof>>? forge = null) =>
        fixture.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Console:AuditPublicKeyFiles:0", fixture.PublicKeyFile);
            if (forge is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton<IAuditLog>(provider => new ForgingAuditLog(provider.GetRequiredService<EntityStore>(), forge)));
            }
        });

    private static async Task<ConsoleClient> SignedInAsync(WebApplicationFactory<Program> gateway)
    {
        var client = new ConsoleClient(gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        using var response = await client.LoginAsync(TestCallers.Admin);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A new entity of two versions, once the log has signed a head holding both (a head per version here).</summary>
    private async Task<string> WriteTwoVersionsAsync()
    {
        var id = NewId();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url("call-session", id), """{"state":"ringing"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(Url("call-session", id), """{"state":"answered"}""")).StatusCode);
        await Eventually.HoldsAsync(
            async () => (await GetAsync(Url("call-session", id, "/versions/2/proof"))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            () => $"the log signed no head holding call-session/{id} version 2");
        return id;
    }
}
