using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>
/// Lookup by message over Orleans: the silos check the query's types against the caller's scopes, so a worker scoped to
/// one type cannot learn which versions of another type a message caused (issue 20).
/// </summary>
[Collection(SecuredClusterCollection.Name)]
public sealed class CausationLookupScopeTests(SecuredClusterFixture fixture)
{
    [Fact]
    public async Task a_worker_scoped_to_call_sessions_finds_their_versions_of_a_message_and_is_refused_every_other_type()
    {
        var messageId = "msg-" + Guid.NewGuid().ToString("N");
        var session = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));
        var billing = EntityKey.Create("billing", Guid.NewGuid().ToString("N"));
        var caused = new EntityWriteOptions { CausationId = messageId };
        await fixture.Admin.PutAsync(session, """{"state":"ringing"}""", caused);
        await fixture.Admin.PutAsync(billing, """{"amount":1}""", caused);
        await using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        await using var reader = await fixture.ConnectAsync(SecuredClusterFixture.Reader);

        var own = await worker.Causations.FindCausedAsync(new CausationQuery { CausationId = messageId, Types = ["call-session"] });
        var everyType = await Assert.ThrowsAsync<AccessDeniedException>(() => worker.Causations.FindCausedAsync(new CausationQuery { CausationId = messageId }));
        var other = await Assert.ThrowsAsync<AccessDeniedException>(() => worker.Causations.FindCausedAsync(new CausationQuery { CausationId = messageId, Types = ["billing"] }));
        var prefix = await Assert.ThrowsAsync<AccessDeniedException>(() => worker.Causations.FindCausedAsync(new CausationQuery { CausationId = messageId, Types = ["*"] }));
        var all = await reader.Causations.FindCausedAsync(new CausationQuery { CausationId = messageId });

        Assert.Equal([session], own.Versions.Select(version => version.Key));
        Assert.Null(own.NextCursor);
        Assert.Equal("entities:read:*", everyType.RequiredScope);
        Assert.Equal("entities:read:billing", other.RequiredScope);
        Assert.Equal(SecuredClusterFixture.Worker, prefix.Caller);
        Assert.Equal([billing, session], all.Versions.Select(version => version.Key));
    }
}
