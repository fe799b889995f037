using Ivr.Storage.Contracts;
using Ivr.Storage.Json;

namespace Ivr.Storage.Journal;

/// <summary>
/// Where the store calls the JSON library. The library stands alone and refuses input with its own
/// <see cref="JsonPayloadException"/>; the store's callers get the contracts' <see cref="EntityValidationException"/>
/// (the gateway's 400/413 problem details) with the same code, field, reason and pointer. The journal and the grains call
/// the library through <see cref="Call{TArgument, TResult}"/> wherever it can refuse.
/// </summary>
public static class JsonBoundary
{
    /// <summary>Runs <paramref name="call"/>; a refusal of the JSON library becomes <see cref="EntityValidationException"/>.</summary>
    public static TResult Call<TArgument, TResult>(Func<TArgument, TResult> call, TArgument argument)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return call(argument);
        }
        catch (JsonPayloadException error)
        {
            throw ToEntityValidation(error);
        }
    }

    /// <summary>The contracts' error for <paramref name="error"/>: the same field and reason, the matching code.</summary>
    public static EntityValidationException ToEntityValidation(JsonPayloadException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.Code switch
        {
            JsonPayloadErrorCode.MalformedJson => ValidationErrorCode.MalformedJson,
            JsonPayloadErrorCode.PayloadTooLarge => ValidationErrorCode.PayloadTooLarge,
            JsonPayloadErrorCode.InvalidOperation => ValidationErrorCode.InvalidOperation,
            JsonPayloadErrorCode.InvalidPayload => ValidationErrorCode.InvalidPayload,
            JsonPayloadErrorCode.InexactNumber => ValidationErrorCode.InexactNumber,
            // A code added to the library later is still bad input, never a server error.
            _ => ValidationErrorCode.InvalidPayload,
        };
        return new EntityValidationException(code, error.Field, error.Reason, error.Pointer);
    }
}
