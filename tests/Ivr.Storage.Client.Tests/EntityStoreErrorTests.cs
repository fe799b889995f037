using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

/// <summary>Every typed error reaches the caller as itself, after exactly one attempt: answers are never retried.</summary>
[Collection(StoreClusterCollection.Name)]
public sealed class EntityStoreErrorTests(StoreClusterFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    [Fact]
    public async Task get_of_an_entity_never_written_throws_entity_not_found()
    {
        var key = StoreClusterFixture.NewKey();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => Store.GetAsync(key));

        Assert.Equal(key, error.Key);
        Assert.Equal(1, fixture.Faults.Attempts(key));
    }

    [Theory]
    [InlineData("\r\nforged: log line")]
    [InlineData("\u001b[2J")]
    [InlineData("\u0085")]
    public void a_key_with_a_control_character_cannot_be_created(string suffix)
    {
        var error = Assert.Throws<EntityValidationException>(() => EntityKey.Create("call-session", "id" + suffix));

        Assert.Equal(ValidationErrorCode.InvalidId, error.Code);
    }

    [Fact]
    public async Task a_key_made_around_create_with_a_control_character_is_refused_before_any_grain_call()
    {
        var valid = StoreClusterFixture.NewKey();
        var forged = valid with { Id = valid.Id + "\r\nforged: log line" };

        var write = await Assert.ThrowsAsync<EntityValidationException>(() => Store.PutAsync(forged, """{"a":1}"""));
        var read = await Assert.ThrowsAsync<EntityValidationException>(() => Store.GetAsync(forged));

        Assert.Equal(ValidationErrorCode.InvalidId, write.Code);
        Assert.Equal(ValidationErrorCode.InvalidId, read.Code);
        Assert.Equal(0, fixture.Faults.Attempts(forged));
    }

    [Fact]
    public async Task get_of_a_deleted_entity_throws_entity_deleted_with_the_tombstone_version()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"a":1}""");
        var deleted = await Store.DeleteAsync(key);

        var error = await Assert.ThrowsAsync<EntityDeletedException>(() => Store.GetAsync(key));
        var asOf = await Assert.ThrowsAsync<EntityDeletedException>(() => Store.GetAsOfAsync(key, deleted.CommittedAt));

        Assert.Equal(2, error.DeletedVersion);
        Assert.Equal(deleted.CommittedAt, error.DeletedAt);
        Assert.Equal(2, asOf.DeletedVersion);
    }

    [Fact]
    public async Task versions_and_times_outside_the_history_throw_entity_not_found()
    {
        var key = StoreClusterFixture.NewKey();
        var first = await Store.PutAsync(key, """{"a":1}""");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store.GetVersionAsync(key, 2));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store.GetAsOfAsync(key, first.CommittedAt.AddDays(-1)));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store.DiffAsync(key, 1, 5));
    }

    [Fact]
    public async Task a_stale_expected_version_throws_concurrency_conflict_naming_both_versions_and_is_not_retried()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"a":1}""");
        await Store.PutAsync(key, """{"a":2}""");
        var attemptsBefore = fixture.Faults.Attempts(key);

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.PutAsync(key, """{"a":3}""", new EntityWriteOptions { Expected = ExpectedVersion.Exactly(1) }));

        Assert.Equal(ExpectedVersion.Exactly(1), error.Expected);
        Assert.Equal(2, error.ActualVersion);
        Assert.Equal(attemptsBefore + 1, fixture.Faults.Attempts(key));
    }

    [Fact]
    public async Task reusing_an_idempotency_key_for_a_different_write_throws_idempotency_conflict()
    {
        var key = StoreClusterFixture.NewKey();
        var options = new EntityWriteOptions { IdempotencyKey = "reused" };
        await Store.PutAsync(key, """{"a":1}""", options);

        var error = await Assert.ThrowsAsync<IdempotencyConflictException>(() => Store.PutAsync(key, """{"a":2}""", options));

        Assert.Equal("reused", error.IdempotencyKey);
        Assert.Equal(1, error.OriginalVersion);
    }

    [Theory]
    [InlineData("""{"a":""", ValidationErrorCode.MalformedJson)]
    [InlineData("""[1,2]""", ValidationErrorCode.InvalidPayload)]
    public async Task an_unacceptable_payload_throws_validation_with_its_code_after_one_attempt(string payload, ValidationErrorCode code)
    {
        var key = StoreClusterFixture.NewKey();

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => Store.PutAsync(key, payload));

        Assert.Equal(code, error.Code);
        Assert.Equal(1, fixture.Faults.Attempts(key));
    }

    [Fact]
    public async Task patching_or_reverting_what_cannot_be_changed_throws_typed_errors()
    {
        var missing = StoreClusterFixture.NewKey();
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"a":1}""");
        await Store.DeleteAsync(key);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store.PatchAsync(missing, """{"a":1}"""));
        await Assert.ThrowsAsync<EntityDeletedException>(() => Store.PatchAsync(key, """{"a":2}"""));
        var revert = await Assert.ThrowsAsync<EntityValidationException>(() => Store.RevertAsync(key, 2));
        Assert.Equal(ValidationErrorCode.InvalidOperation, revert.Code);
    }

    [Fact]
    public async Task an_invalid_type_is_refused_by_the_key_and_a_default_key_by_the_store()
    {
        var type = Assert.Throws<EntityValidationException>(() => EntityKey.Create("Not A Type", "1"));

        var empty = await Assert.ThrowsAsync<EntityValidationException>(() => Store.GetAsync(default));

        Assert.Equal(ValidationErrorCode.InvalidType, type.Code);
        Assert.Equal(ValidationErrorCode.InvalidType, empty.Code);
    }
}
