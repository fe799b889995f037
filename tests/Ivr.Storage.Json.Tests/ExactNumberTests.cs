namespace Ivr.Storage.Json.Tests;

/// <summary>Issue 18: a payload's numbers keep the value they were written with, or the payload is refused.</summary>
public sealed class ExactNumberTests
{
    [Theory]
    [InlineData("9007199254740992", "9007199254740992")]     // 2^53
    [InlineData("9007199254740991", "9007199254740991")]     // 2^53 - 1
    [InlineData("-9007199254740992", "-9007199254740992")]   // -2^53
    [InlineData("-9007199254740991", "-9007199254740991")]   // -2^53 + 1
    [InlineData("1e308", "1e+308")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1.50", "1.5")]
    [InlineData("100.000", "100")]
    [InlineData("1E3", "1000")]
    [InlineData("1e16", "10000000000000000")]
    [InlineData("-0.0", "0")]
    [InlineData("0e99999999999999999999", "0")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("123456789012345", "123456789012345")]
    public void Numbers_a_double_holds_exactly_are_accepted_in_canonical_form(string written, string canonical)
    {
        var payload = JsonPayload.ParseObject($$"""{"n":{{written}}}""");

        Assert.Equal($$"""{"n":{{canonical}}}""", payload.Json);
    }

    [Theory]
    [InlineData("9007199254740993")]        // 2^53 + 1: would be stored as ...992
    [InlineData("-9007199254740993")]       // -2^53 - 1
    [InlineData("9007199254740994")]        // a double holds it, but beyond 2^53 most neighbours collapse
    [InlineData("18446744073709551615")]    // a 64-bit id
    [InlineData("0.10000000000000001")]     // more digits than a double holds
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("3.141592653589793238462643383279")]
    [InlineData("1e-400")]                  // underflows to 0
    [InlineData("2.4703282292062328e-324")] // rounds to 5e-324
    [InlineData("1.00000000000000000001")]
    [InlineData("9007199254740993.0")]
    public void Numbers_a_double_would_change_are_refused_with_their_pointer(string written)
    {
        var error = ValidationAssert.Throws(JsonPayloadErrorCode.InexactNumber, "payload",
            () => JsonPayload.ParseObject($$$"""{"account":{"ids":[1,{{{written}}}]}}"""));

        Assert.Equal("/account/ids/1", error.Pointer);
        Assert.Contains("/account/ids/1", error.Reason, StringComparison.Ordinal);
        Assert.Contains("as a string", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_patch_with_an_inexact_number_is_refused_as_a_patch()
    {
        var error = ValidationAssert.Throws(JsonPayloadErrorCode.InexactNumber, "patch",
            () => JsonPayload.ParseMergePatch("""{"n":9007199254740993}"""));

        Assert.Equal("/n", error.Pointer);
    }

    [Fact]
    public void The_refusal_can_be_switched_off_for_callers_that_want_rounding()
    {
        var payload = JsonPayload.ParseObject("""{"n":9007199254740993}""", new JsonPayloadLimits { ExactNumbers = false });

        Assert.Equal("""{"n":9007199254740992}""", payload.Json);
    }

    [Fact]
    public void The_general_canonicalizer_still_rounds_as_rfc8785_says()
    {
        Assert.Equal("9007199254740992", CanonicalJson.Canonicalize("9007199254740993"));
    }
}
