using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary>Issue 18: a number the store would round is refused, with its pointer, and nothing is written.</summary>
[Collection(EntityClusterCollection.Name)]
public sealed class ExactNumberWriteTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task should_refuse_a_put_of_an_integer_beyond_2_pow_53_and_keep_the_entity_unchanged()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"account":9007199254740991}""", By());

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Put("""{"account":9007199254740993}""", By()));

        Assert.Equal(ValidationErrorCode.InexactNumber, error.Code);
        Assert.Equal("payload", error.Field);
        Assert.Equal("/account", error.Pointer);
        var state = await grain.GetCurrent();
        Assert.Equal(1, state.Version);
        Assert.Equal("""{"account":9007199254740991}""", state.Payload);
    }

    [Fact]
    public async Task should_refuse_a_patch_with_a_decimal_a_double_cannot_hold()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"amount":0.1}""", By());

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => grain.Patch("""{"amount":0.10000000000000001}""", By()));

        Assert.Equal(ValidationErrorCode.InexactNumber, error.Code);
        Assert.Equal("/amount", error.Pointer);
        Assert.Equal(1, (await grain.GetCurrent()).Version);
    }
}
