using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>
/// Issue 18's controls attacked from the .NET path: forcing a schema past the compatibility gate, or dry-running it
/// (which reads every entity of the type), needs schemas:admin:{type} like any registration; an upcast read needs
/// read on the type.
/// </summary>
[Collection(SecuredClusterCollection.Name)]
public sealed class SchemaScopeTests(SecuredClusterFixture fixture)
{
    private const string Definition = """{"schema":{"type":"object","required":["state"]}}""";

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task a_reader_of_every_type_can_neither_force_nor_dry_run_a_schema(bool force, bool dryRun)
    {
        await using var reader = await fixture.ConnectAsync(SecuredClusterFixture.Reader);
        var type = "call-evolve-" + Guid.NewGuid().ToString("N")[..10];

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => ((ISchemaRegistry)reader.Store)
            .RegisterSchemaAsync(type, Definition, new SchemaRegistrationOptions { Force = force, DryRun = dryRun }));

        Assert.Equal($"schemas:admin:{type}", refused.RequiredScope);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => ((ISchemaRegistry)fixture.Admin).GetSchemaAsync(type));
    }

    [Fact]
    public async Task a_worker_scoped_to_call_sessions_cannot_read_another_type_upcast()
    {
        await using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var billing = EntityKey.Create("billing", Guid.NewGuid().ToString("N"));
        await fixture.Admin.PutAsync(billing, """{"amount":1}""");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => ((ISchemaRegistry)worker.Store).GetAtLatestSchemaAsync(billing));

        Assert.Equal("entities:read:billing", refused.RequiredScope);
    }

    /// <summary>Every upcast read of history (a version, as-of, a page, a diff) needs read on the type it names, and is allowed with it.</summary>
    [Theory]
    [InlineData("version")]
    [InlineData("asOf")]
    [InlineData("history")]
    [InlineData("diff")]
    public async Task an_upcast_history_read_needs_read_on_its_type(string read)
    {
        await using var worker = await fixture.ConnectAsync(SecuredClusterFixture.Worker);
        var billing = EntityKey.Create("billing", Guid.NewGuid().ToString("N"));
        var own = EntityKey.Create("call-session", Guid.NewGuid().ToString("N"));
        await fixture.Admin.PutAsync(billing, """{"amount":1}""");
        await fixture.Admin.PutAsync(own, """{"state":"ringing"}""");
        var schemas = (ISchemaRegistry)worker.Store;
        Func<EntityKey, Task> upcastRead = read switch
        {
            "version" => key => schemas.GetVersionAtLatestSchemaAsync(key, 1),
            "asOf" => key => schemas.GetAsOfAtLatestSchemaAsync(key, DateTimeOffset.MaxValue),
            "history" => key => schemas.GetHistoryPageAtLatestSchemaAsync(key, new HistoryQuery { IncludePayloads = true }),
            _ => key => schemas.DiffAtLatestSchemaAsync(key, 1, 1),
        };

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => upcastRead(billing));
        await upcastRead(own);

        Assert.Equal("entities:read:billing", refused.RequiredScope);
    }
}
