using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var store = worker.Services.GetRequiredService<IEntityStore>();
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
        using var reader = await fixture.ConnectAsync(SecuredClusterFixture.Reader);
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            reader.Services.GetRequiredService<IEntityStore>().PutAsync(key, """{"state":"ringing"}"""));

        Assert.Equal("entities:write:call-session", refused.RequiredScope);
        await AssertNeverWrittenAsync(key);
    }

    [Fact]
    public async Task a_worker_cannot_write_under_another_caller_s_name()
    {
        using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => worker.Services.GetRequiredService<IEntityStore>()
            .PutAsync(key, """{"state":"ringing"}""", new EntityWriteOptions { Actor = "ivr-storage-gateway" }));

        Assert.Contains("may not write as 'ivr-storage-gateway'", refused.Reason, StringComparison.Ordinal);
        await AssertNeverWrittenAsync(key);
    }

    [Fact]
    public async Task a_worker_s_writes_are_recorded_under_its_certificate_s_name()
    {
        using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        await worker.Services.GetRequiredService<IEntityStore>().PutAsync(key, """{"state":"ringing"}""");

        var state = await fixture.Admin.GetAsync(key);
        Assert.Equal(SecuredClusterFixture.Worker, state.LastProvenance.Actor);
    }

    [Fact]
    public async Task a_caller_with_a_certificate_of_the_cluster_ca_that_the_silos_do_not_list_is_refused()
    {
        using var stranger = await fixture.ConnectAsync("stranger");
        var key = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => stranger.Services.GetRequiredService<IEntityStore>().GetAsync(key));

        Assert.Contains("not a configured caller", refused.Reason, StringComparison.Ordinal);
    }

    private async Task AssertNeverWrittenAsync(EntityKey key) =>
        await Assert.ThrowsAsync<EntityNotFoundException>(() => fixture.Admin.GetAsync(key));
}
