using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Schemas;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Tests.Schemas;

/// <summary>Issue 18, compatibility gate: a new schema version is checked against the stored data of its type before it registers.</summary>
[Collection(EntityClusterCollection.Name)]
public sealed class SchemaCompatibilityTests(EntityClusterFixture fixture) : SchemaTestBase(fixture)
{
    /// <summary><see cref="SchemaTestBase.CallSessionSchema"/> with <c>agent</c> required too.</summary>
    private static readonly string AgentRequired = CallSessionSchema.Replace("\"required\":[\"caller\",\"state\"]", "\"required\":[\"caller\",\"state\",\"agent\"]", StringComparison.Ordinal);

    private static string Session(string? agent = null) =>
        agent is null ? """{"caller":"+5511999990000","state":"ringing"}""" : $$"""{"caller":"+5511999990000","state":"ringing","agent":"{{agent}}"}""";

    private Task<SchemaRegistrationResult> EvolveAsync(string type, string definition, bool force = false, bool dryRun = false) =>
        Fixture.Client.GetGrain<ISchemaRegistryGrain>(type).Register(definition, By(), new SchemaRegistrationOptions { Force = force, DryRun = dryRun });

    private async Task<string> StoreAsync(string type, string payload)
    {
        var key = NewKey(type);
        await Grain(key).Put(payload, By());
        return key.Id;
    }

    [Fact]
    public async Task should_refuse_a_version_that_stored_data_breaks_and_name_each_failing_entity()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var without = await StoreAsync(type, Session());
        var with = await StoreAsync(type, Session("ana"));

        var error = await Assert.ThrowsAsync<SchemaIncompatibleException>(() => EvolveAsync(type, AgentRequired));

        Assert.Equal(type, error.Type);
        var failure = Assert.Single(error.Report.Failures);
        Assert.Equal(without, failure.EntityId);
        Assert.True(failure.Current);
        Assert.Equal(1, failure.StoredSchemaVersion);
        Assert.Contains(failure.Violations, v => v.Keyword == "required");
        Assert.DoesNotContain(error.Report.Failures, f => f.EntityId == with);
        Assert.Equal(2, error.Report.EntitiesChecked);
        Assert.Equal(1, (await SchemaEntity(type).GetCurrent()).Version);
    }

    [Fact]
    public async Task should_register_a_version_every_stored_entity_satisfies()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        await StoreAsync(type, Session("ana"));
        await StoreAsync(type, Session());

        var result = await EvolveAsync(type, CallSessionSchema.Replace("\"maxLength\":32", "\"maxLength\":64", StringComparison.Ordinal));

        Assert.Equal(2, result.Write!.Version);
        Assert.True(result.Report is { Checked: true, Compatible: true, EntitiesChecked: 2 });
    }

    [Fact]
    public async Task should_only_report_on_a_dry_run()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var without = await StoreAsync(type, Session());

        var result = await EvolveAsync(type, AgentRequired, dryRun: true);

        Assert.Null(result.Write);
        Assert.False(result.Report.Compatible);
        Assert.Equal(without, Assert.Single(result.Report.Failures).EntityId);
        Assert.Equal(1, (await SchemaEntity(type).GetCurrent()).Version);
    }

    [Fact]
    public async Task should_register_a_forced_version_and_record_in_its_history_that_it_was_forced()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        await StoreAsync(type, Session());

        var result = await EvolveAsync(type, AgentRequired, force: true);

        Assert.Equal(2, result.Write!.Version);
        Assert.Equal(1, result.Report.FailureCount);
        var forced = await SchemaEntity(type).GetVersion(2);
        Assert.StartsWith("forced past the compatibility gate (1 failing", forced.Provenance.Reason, StringComparison.Ordinal);
        Assert.Equal("true", forced.Tags[SchemaRegistryGrain.ForcedTag]);
        Assert.False((await SchemaEntity(type).GetVersion(1)).Tags.ContainsKey(SchemaRegistryGrain.ForcedTag));
    }

    [Fact]
    public async Task should_not_check_stored_data_when_the_replaced_version_declares_none()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema.Replace("{\"schema\":", "{\"compatibility\":\"none\",\"schema\":", StringComparison.Ordinal));
        await StoreAsync(type, Session());

        var result = await EvolveAsync(type, AgentRequired);

        Assert.Equal(2, result.Write!.Version);
        Assert.False(result.Report.Checked);
        Assert.Equal("none", result.Report.Mode);
    }

    [Fact]
    public async Task should_check_older_versions_from_the_history_sample()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var key = NewKey(type);
        await Grain(key).Put(Session(), By());
        await Grain(key).Put(Session("ana"), By());

        var error = await Assert.ThrowsAsync<SchemaIncompatibleException>(() => EvolveAsync(type, AgentRequired));

        var failure = Assert.Single(error.Report.Failures);
        Assert.Equal((key.Id, 1L, false), (failure.EntityId, failure.Version, failure.Current));
        Assert.Equal(1, error.Report.HistoryVersionsChecked);
    }

    [Fact]
    public async Task should_refuse_an_upcaster_that_fails_on_stored_data_naming_the_entity()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var without = await StoreAsync(type, Session());
        await StoreAsync(type, Session("ana"));
        var renamed = CallSessionSchema.Replace("\"agent\":", "\"operator\":", StringComparison.Ordinal)
            .Replace("{\"schema\":", "{\"upcast\":[{\"op\":\"move\",\"from\":\"/agent\",\"path\":\"/operator\"}],\"schema\":", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<SchemaIncompatibleException>(() => EvolveAsync(type, renamed));

        var failure = Assert.Single(error.Report.Failures);
        Assert.Equal(without, failure.EntityId);
        Assert.Contains("/agent", failure.UpcastError, StringComparison.Ordinal);
        Assert.Empty(failure.Violations);
    }

    [Fact]
    public async Task should_refuse_as_unchecked_a_type_with_more_entities_than_the_cap()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        for (var i = 0; i < 3; i++)
        {
            await StoreAsync(type, Session("ana"));
        }

        var journal = Fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IEntityJournal>();
        var check = new SchemaCompatibilityCheck(journal, new SchemaUpcastChain(journal), Options.Create(new EntityGrainOptions { SchemaCheckMaxEntities = 2 }));
        var v1 = SchemaDefinition.Parse(CallSessionSchema);

        var report = await check.RunAsync(type, v1, 1, SchemaDefinition.Parse(AgentRequired));

        Assert.True(report.CapReached);
        Assert.False(report.Compatible);
        Assert.Equal(2, report.EntitiesChecked);
        Assert.Contains("EntityStore:SchemaCheckMaxEntities", report.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":1}]""", "/upcast/0")]
    [InlineData("""[{"op":"remove","path":""}]""", "/upcast/0/path")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "/upcast/0/from")]
    [InlineData("""{"op":"add"}""", "/upcast")]
    public async Task should_refuse_an_upcaster_that_is_not_plain_json_patch_below_the_root(string upcast, string pointer)
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);

        var error = await Assert.ThrowsAsync<EntityValidationException>(
            () => EvolveAsync(type, CallSessionSchema.Replace("{\"schema\":", $"{{\"upcast\":{upcast},\"schema\":", StringComparison.Ordinal)));

        Assert.Equal(ValidationErrorCode.InvalidSchema, error.Code);
        Assert.Equal(pointer, error.Pointer);
    }

    [Fact]
    public async Task should_refuse_an_upcaster_on_a_first_version()
    {
        var error = await Assert.ThrowsAsync<EntityValidationException>(() => RegisterAsync(NewType(),
            CallSessionSchema.Replace("{\"schema\":", "{\"upcast\":[{\"op\":\"add\",\"path\":\"/agent\",\"value\":\"x\"}],\"schema\":", StringComparison.Ordinal)));

        Assert.Equal("/upcast", error.Pointer);
    }
}
