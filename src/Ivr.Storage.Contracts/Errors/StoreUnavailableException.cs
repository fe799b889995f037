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

    /// <summary>
    /// True when the write was refused before it reached the database (the silo's journal write queue was full, or the
    /// silo was stopping): it certainly did not happen. False when its outcome is unknown. Either way, retrying with
    /// the same idempotency key is safe.
    /// </summary>
    [Id(0)] public bool NotAttempted { get; init; }
}
