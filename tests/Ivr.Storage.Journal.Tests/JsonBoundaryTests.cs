using Ivr.Storage.Contracts;
using Ivr.Storage.Json;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// The JSON library refuses input with its own error; the store's callers get the contracts' error with the same
/// code, field and reason, exactly as when the library threw it itself.
/// </summary>
public sealed class JsonBoundaryTests
{
    [Theory]
    [InlineData(JsonPayloadErrorCode.MalformedJson, ValidationErrorCode.MalformedJson)]
    [InlineData(JsonPayloadErrorCode.InvalidPayload, ValidationErrorCode.InvalidPayload)]
    [InlineData(JsonPayloadErrorCode.PayloadTooLarge, ValidationErrorCode.PayloadTooLarge)]
    [InlineData(JsonPayloadErrorCode.InvalidOperation, ValidationErrorCode.InvalidOperation)]
    public void ToEntityValidation_EachCode_KeepsFieldAndReasonUnderTheMatchingCode(JsonPayloadErrorCode code, ValidationErrorCode expected)
    {
        var error = JsonBoundary.ToEntityValidation(new JsonPayloadException(code, "patch", "Operation 0 (remove /a) of the patch cannot be applied."));

        Assert.Equal(expected, error.Code);
        Assert.Equal("patch", error.Field);
        Assert.Equal("Operation 0 (remove /a) of the patch cannot be applied.", error.Reason);
        Assert.Equal(error.Reason, error.Message);
    }

    [Fact]
    public void Call_RefusedPayload_ThrowsTheContractsErrorWithTheLibrarysFieldAndReason()
    {
        var library = Assert.Throws<JsonPayloadException>(() => JsonPayload.ParseObject("""{"a":[1,,2]}"""));

        var boundary = Assert.Throws<EntityValidationException>(() => JsonBoundary.Call(static text => JsonPayload.ParseObject(text), """{"a":[1,,2]}"""));

        Assert.Equal(ValidationErrorCode.MalformedJson, boundary.Code);
        Assert.Equal(library.Field, boundary.Field);
        Assert.Equal(library.Reason, boundary.Reason);
    }

    [Fact]
    public void Call_AcceptedPayload_ReturnsTheLibrarysResult()
    {
        Assert.Equal("""{"a":1,"b":2}""", JsonBoundary.Call(CanonicalJson.Canonicalize, """{ "b": 2, "a": 1 }"""));
    }
}
