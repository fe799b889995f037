using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

/// <summary><see cref="ExpectedVersion.Exists"/> through the client library: one grain call, a typed conflict when it does not hold.</summary>
[Collection(StoreClusterCollection.Name)]
public sealed class ExpectedExistsClientTests(StoreClusterFixture fixture)
{
    private static readonly EntityWriteOptions MustExist = new() { Expected = ExpectedVersion.Exists };

    private IEntityStore Store => fixture.Store;

    [Fact]
    public async Task a_write_that_expects_a_missing_entity_to_exist_throws_a_conflict_and_is_not_retried()
    {
        var key = StoreClusterFixture.NewKey();
        var attemptsBefore = fixture.Faults.Attempts(key);

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.PatchAsync(key, """{"a":1}""", MustExist));

        Assert.Equal(key, error.Key);
        Assert.Equal(ExpectedVersion.Exists, error.Expected);
        Assert.Equal(0, error.ActualVersion);
        Assert.False(error.ActualIsDeleted);
        Assert.Equal(attemptsBefore + 1, fixture.Faults.Attempts(key));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store.GetAsync(key));
    }

    [Fact]
    public async Task a_write_that_expects_a_deleted_entity_to_exist_throws_a_conflict_naming_the_delete()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"a":1}""");
        await Store.DeleteAsync(key);

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.PutAsync(key, """{"a":2}""", MustExist));

        Assert.Equal(ExpectedVersion.Exists, error.Expected);
        Assert.Equal(2, error.ActualVersion);
        Assert.True(error.ActualIsDeleted);
    }

    [Fact]
    public async Task a_write_that_expects_a_live_entity_to_exist_is_written_in_one_call()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"a":1}""");
        var attemptsBefore = fixture.Faults.Attempts(key);

        var result = await Store.PutAsync(key, """{"a":2}""", MustExist);

        Assert.Equal(2, result.Version);
        Assert.Equal(attemptsBefore + 1, fixture.Faults.Attempts(key));
    }
}
