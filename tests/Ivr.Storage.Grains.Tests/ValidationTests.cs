using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

[Collection(EntityClusterCollection.Name)]
public sealed class ValidationTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1starts-with-digit")]
    [InlineData("has space")]
    [InlineData("has/slash")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345")]
    public void invalid_types_are_rejected_with_a_specific_error(string type)
    {
        var error = Assert.Throws<EntityValidationException>(() => EntityKey.Create(type, "id"));

        Assert.Equal(ValidationErrorCode.InvalidType, error.Code);
        Assert.Equal("type", error.Field);
    }

    [Fact]
    public void ids_must_be_non_empty_valid_utf8_of_at_most_256_bytes()
    {
        Assert.Equal(ValidationErrorCode.InvalidId, Assert.Throws<EntityValidationException>(() => EntityKey.Create("t", "")).Code);
        Assert.Equal(ValidationErrorCode.InvalidId, Assert.Throws<EntityValidationException>(() => EntityKey.Create("t", new string('é', 129))).Code);
        Assert.Equal(ValidationErrorCode.InvalidId, Assert.Throws<EntityValidationException>(() => EntityKey.Create("t", "bad\ud800")).Code);
        Assert.Equal(256, System.Text.Encoding.UTF8.GetByteCount(EntityKey.Create("t", new string('é', 128)).Id));
    }

    [Theory]
    [InlineData("call-session\n")]
    [InlineData("call-session\r\n")]
    [InlineData("call\u001b[31m")]
    [InlineData("call\u0085")]
    public void types_with_control_characters_are_rejected_even_a_trailing_newline(string type)
    {
        var error = Assert.Throws<EntityValidationException>(() => EntityKey.Create(type, "id"));

        Assert.Equal(ValidationErrorCode.InvalidType, error.Code);
    }

    [Theory]
    [InlineData("line\r\nforged: log line")]
    [InlineData("trailing newline\n")]
    [InlineData("tab\there")]
    [InlineData("\u001b[31mred\u001b[0m")]
    [InlineData("delete\u007f")]
    [InlineData("next line\u0085")]
    [InlineData("c1 csi\u009b2J")]
    public void ids_with_control_characters_are_rejected_with_a_specific_error(string id)
    {
        var error = Assert.Throws<EntityValidationException>(() => EntityKey.Create("t", id));

        Assert.Equal(ValidationErrorCode.InvalidId, error.Code);
        Assert.Equal("id", error.Field);
        Assert.Contains("control characters", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_grain_addressed_by_a_key_with_a_control_character_refuses_to_serve()
    {
        // Callers that skip EntityKey.Create (a raw GetGrain) still meet the rule: the grain parses its own key.
        var grain = Fixture.Cluster.Client.GetGrain<IEntityGrain>("t/" + Guid.NewGuid().ToString("N") + "\r\nforged");

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put("""{"a":1}""", By()));

        Assert.Equal(ValidationErrorCode.InvalidId, error.Code);
    }

    [Theory]
    [InlineData("with/slashes/../and/dots")]
    [InlineData("quote'\"and\\backslash")]
    [InlineData("'; DROP TABLE ivr.journal; --")]
    [InlineData("emoji 🦜 and spaces")]
    [InlineData("%2F%00")]
    public async Task awkward_ids_are_just_ids_and_are_stored_verbatim(string suffix)
    {
        var key = EntityKey.Create("awkward", suffix + Guid.NewGuid().ToString("N"));

        await Grain(key).Put("""{"ok":true}""", By());
        await Fixture.Cluster.DeactivateAsync(Grain(key));
        var state = await Grain(key).GetCurrent();

        Assert.Equal(key, state.Key);
        Assert.Equal(key.Id, state.Key.Id);
        Assert.Equal("""{"ok":true}""", state.Payload);
    }

    [Theory]
    [InlineData("not json", ValidationErrorCode.MalformedJson)]
    [InlineData("{\"a\":", ValidationErrorCode.MalformedJson)]
    [InlineData("[1,2]", ValidationErrorCode.InvalidPayload)]
    [InlineData("\"just a string\"", ValidationErrorCode.InvalidPayload)]
    [InlineData("{\"n\":1e400}", ValidationErrorCode.InvalidPayload)]
    [InlineData("{\"a\":1,\"a\":2}", ValidationErrorCode.InvalidPayload)]
    public async Task bad_payloads_are_rejected_and_change_nothing(string payload, ValidationErrorCode code)
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"kept":true}""", By());

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put(payload, By()));

        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        var state = await grain.GetCurrent();
        Assert.Equal(1, state.Version);
        Assert.Equal("""{"kept":true}""", state.Payload);
    }

    [Fact]
    public async Task payloads_over_the_limit_are_rejected_as_too_large()
    {
        var grain = NewEntity(out _);
        var big = "{\"blob\":\"" + new string('x', 1024 * 1024) + "\"}";

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put(big, By()));

        Assert.Equal(ValidationErrorCode.PayloadTooLarge, error.Code);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
    }

    [Fact]
    public async Task nesting_deeper_than_the_limit_is_rejected()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => NewEntity(out _).Put(deep, By()));

        Assert.Equal(ValidationErrorCode.InvalidPayload, error.Code);
    }

    [Fact]
    public async Task a_write_without_a_source_is_rejected()
    {
        var options = new WriteOptions { Provenance = new Provenance { Source = " " } };

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => NewEntity(out _).Put("{}", options));

        Assert.Equal(ValidationErrorCode.InvalidProvenance, error.Code);
        Assert.Equal("provenance.source", error.Field);
    }

    [Fact]
    public async Task bad_write_options_are_rejected_with_the_field_named()
    {
        var grain = NewEntity(out _);

        var longKey = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put("{}", By(idempotencyKey: new string('k', 300))));
        var nulInReason = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put("{}", By() with { Provenance = new Provenance { Source = "s", Reason = "a\0b" } }));
        var tooManyTags = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put("{}", By() with { Tags = Enumerable.Range(0, 65).ToDictionary(i => $"t{i}", i => "v") }));

        Assert.Equal("idempotencyKey", longKey.Field);
        Assert.Equal("provenance.reason", nulInReason.Field);
        Assert.Equal("tags", tooManyTags.Field);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetCurrent());
    }

    [Fact]
    public async Task a_bad_history_page_size_or_cursor_is_rejected()
    {
        var grain = NewEntity(out _);
        await grain.Put("{}", By());

        Assert.Equal("pageSize", (await Assert.ThrowsAsync<EntityValidationException>(() => grain.GetHistory(new HistoryQuery { PageSize = 0 }))).Field);
        Assert.Equal("cursor", (await Assert.ThrowsAsync<EntityValidationException>(() => grain.GetHistory(new HistoryQuery { Cursor = "nonsense" }))).Field);
        Assert.Equal("version", (await Assert.ThrowsAsync<EntityValidationException>(() => grain.GetVersion(0))).Field);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetVersion(2));
    }
}
