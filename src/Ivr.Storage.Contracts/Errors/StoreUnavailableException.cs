namespace Ivr.Storage.Contracts;

/// <summary>
/// The journal could not be reached or did not confirm the commit. The write was not acknowledged;
/// retry it with the same idempotency key to be safe whatever happened.
/// </summary>
[GenerateSerializer, Alias("ivr.StoreUnavailableException")]
public sealed class StoreUnavailableException : EntityStoreException
{
    public StoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
