using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests.Schemas;

/// <summary>Issue 18: writes of a type with a schema are checked before they are appended; every violation is reported.</summary>
[Collection(EntityClusterCollection.Name)]
public sealed class SchemaValidationTests(EntityClusterFixture fixture) : SchemaTestBase(fixture)
{
    [Fact]
    public async Task should_record_the_schema_version_a_valid_put_was_checked_against()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var grain = Grain(NewKey(type));

        await grain.Put("""{"caller":"+5511999990000","state":"ringing"}""", By());

        Assert.Equal(1, (await grain.GetCurrent()).SchemaVersion);
    }

    [Fact]
    public async Task should_refuse_a_put_listing_every_violation_and_write_nothing()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var grain = Grain(NewKey(type));

        var error = await Assert.ThrowsAsync<SchemaValidationException>(
            () => grain.Put("""{"caller":"5511","agent":"this agent name is far longer than thirty-two characters","extra":1}""", By()));

        Assert.Equal(1, error.SchemaVersion);
        var found = error.Violations.Select(v => (v.Pointer, v.Keyword)).ToHashSet();
        Assert.Contains(("", "required"), found);
        Assert.Contains(("/caller", "pattern"), found);
        Assert.Contains(("/agent", "maxLength"), found);
        Assert.Contains(("/extra", "additionalProperties"), found);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
    }

    [Fact]
    public async Task should_check_a_patch_after_merging_it()
    {
        var type = NewType();
        await RegisterAsync(type, CallSessionSchema);
        var grain = Grain(NewKey(type));
        await grain.Put("""{"caller":"+5511999990000","state":"ringing"}""", By());

        // Valid as a patch document, invalid once merged: it removes a required member.
        var error = await Assert.ThrowsAsync<SchemaValidationException>(() => grain.Patch("""{"state":null}""", By()));

        Assert.Contains(error.Violations, v => v.Keyword == "required");
        Assert.Equal(1, (await grain.GetCurrent()).Version);
        Assert.Equal(2, (await grain.Patch("""{"state":"answered"}""", By())).Version);
    }

    [Fact]
    public async Task should_check_a_revert_against_the_current_schema_not_the_old_one()
    {
        var type = NewType();
        var grain = Grain(NewKey(type));
        await grain.Put("""{"caller":"+5511999990000"}""", By());
        await grain.Put("""{"caller":"+5511999990000","state":"ended"}""", By());
        await RegisterAsync(type, CallSessionSchema);

        var error = await Assert.ThrowsAsync<SchemaValidationException>(() => grain.Revert(1, By()));

        Assert.Contains(error.Violations, v => v.Keyword == "required");
        Assert.Equal(2, (await grain.GetCurrent()).Version);
    }

    [Fact]
    public async Task should_apply_a_new_schema_version_to_the_next_write_and_keep_both_versions_in_history()
    {
        var type = NewType();
        // v1 declares "none": v2 refuses the stored version on purpose (the compatibility gate is SchemaCompatibilityTests').
        await RegisterAsync(type, CallSessionSchema.Replace("{\"schema\":", "{\"compatibility\":\"none\",\"schema\":", StringComparison.Ordinal));
        var grain = Grain(NewKey(type));
        await grain.Put("""{"caller":"+5511999990000","state":"ringing"}""", By());
        await RegisterAsync(type, CallSessionSchema.Replace("\"required\":[\"caller\",\"state\"]", "\"required\":[\"caller\",\"state\",\"agent\"]", StringComparison.Ordinal), ExpectedVersion.Exactly(1));

        await Assert.ThrowsAsync<SchemaValidationException>(() => grain.Put("""{"caller":"+5511999990000","state":"answered"}""", By()));
        await grain.Put("""{"caller":"+5511999990000","state":"answered","agent":"bob"}""", By());

        Assert.Equal(2, (await grain.GetCurrent()).SchemaVersion);
        var history = await SchemaEntity(type).GetHistory(new HistoryQuery { IncludePayloads = true });
        Assert.Equal([1L, 2L], history.Items.Select(v => v.Version));
        Assert.True((await SchemaEntity(type).Verify()).IsValid);
    }

    [Fact]
    public async Task should_leave_types_without_a_schema_free_form()
    {
        var grain = Grain(NewKey(NewType()));

        await grain.Put("""{"anything":[1,"two",{"three":3}]}""", By());

        Assert.Null((await grain.GetCurrent()).SchemaVersion);
    }

    [Fact]
    public async Task should_bound_a_catastrophic_pattern_by_running_it_in_linear_time()
    {
        var type = NewType();
        await RegisterAsync(type, """{"schema":{"type":"object","properties":{"s":{"type":"string","pattern":"^(a+)+$"}}}}""");
        var grain = Grain(NewKey(type));

        // With a backtracking engine this string takes about 2^60 steps; the non-backtracking one answers at once.
        var error = await Assert.ThrowsAsync<SchemaValidationException>(() => grain.Put($$"""{"s":"{{new string('a', 60)}}!"}""", By()));

        Assert.Contains(error.Violations, v => v.Pointer == "/s" && v.Keyword == "pattern");
    }
}
