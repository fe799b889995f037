namespace Ivr.Storage.Json.Tests;

/// <summary>Asserts that bad input is rejected with the right code and field, and a message a person can act on.</summary>
internal static class ValidationAssert
{
    public static JsonPayloadException Throws(JsonPayloadErrorCode code, string field, Action action)
    {
        var ex = Assert.Throws<JsonPayloadException>(action);
        Assert.Equal(code, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.Equal(ex.Reason, ex.Message);

        // Messages go back to callers: no stack traces or type names of internals.
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    public static JsonPayloadException Throws(JsonPayloadErrorCode code, string field, Func<object?> func) =>
        Throws(code, field, () => { _ = func(); });
}
