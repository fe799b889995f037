using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>
/// A caller connected with a valid certificate may do only what its configured scopes grant, and its writes carry its
/// own name: the .NET path has the same scope model as the gateway (issue 15, finding 2).
/// </summary>
[Collection(SecuredClusterCollection.Name)]
public sealed class CallerScopeTests(SecuredClusterFixture fixture)
{
    [Fact]
    public async Task a_worker_scoped_to_call_sessions_writes_them_but_cannot_write_or_read_another_type()
    {
        await using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var store = worker.Store;
        var billing = EntityKey.Create("billing", Guid.NewGuid().ToString("N"));

        await store.PutAsync(EntityKey.Create("call-session", Guid.NewGuid().ToString("N")), """{"state":"ringing"}""");
        var write = await Assert.ThrowsAsync<AccessDeniedException>(() => store.PutAsync(billing, """{"amount":1}"""));
        var read = await Assert.ThrowsAsync<AccessDeniedException>(() => store.GetAsync(billing));

        Assert.Equal("entities:write:billing", write.RequiredScope);
        Assert.Equal("entities:read:billing", read.RequiredScope);
        Assert.Equal(SecuredClusterFixture.Worker, write.Caller);
        await AssertNeverWrittenAsync(billing);
    }

    [Fact]
    public async Task a_reader_of_every_type_cannot_write_any()
    {
        await using var reader = await fixture.ConnectAsync(SecuredClusterFixture.Reader);
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            reader.Store.PutAsync(key, """{"state":"ringing"}"""));

        Assert.Equal("entities:write:call-session", refused.RequiredScope);
        await AssertNeverWrittenAsync(key);
    }

    [Fact]
    public async Task a_worker_cannot_write_under_another_caller_s_name()
    {
        await using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => worker.Store
            .PutAsync(key, """{"state":"ringing"}""", new EntityWriteOptions { Actor = "ivr-storage-gateway" }));

        Assert.Contains("may not write as 'ivr-storage-gateway'", refused.Reason, StringComparison.Ordinal);
        await AssertNeverWrittenAsync(key);
    }

    [Fact]
    public async Task a_worker_s_writes_are_recorded_under_its_certificate_s_name()
    {
        await using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        await worker.Store.PutAsync(key, """{"state":"ringing"}""");

        var state = await fixture.Admin.GetAsync(key);
        Assert.Equal(SecuredClusterFixture.Worker, state.LastProvenance.Actor);
    }

    [Fact]
    public async Task a_caller_with_a_certificate_of_the_cluster_ca_that_the_silos_do_not_list_is_refused_from_its_first_call()
    {
        using var logs = new FakeLoggerProvider();
        using var stranger = fixture.Client(TestCertificates.Shared.Caller("stranger"), logs);

        // Its first call (the cluster's type manifest) is refused, so it never becomes usable.
        _ = stranger.StartAsync();

        await SecuredClusterFixture.AssertRefusalLoggedAsync(logs, "not a configured caller");
    }

    private async Task AssertNeverWrittenAsync(EntityKey key) =>
        await Assert.ThrowsAsync<EntityNotFoundException>(() => fixture.Admin.GetAsync(key));
}
