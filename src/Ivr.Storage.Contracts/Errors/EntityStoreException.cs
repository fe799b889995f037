namespace Ivr.Storage.Contracts;

/// <summary>Base of every error IVR.Storage reports on purpose. Catch the specific subclasses.</summary>
[GenerateSerializer, Alias("ivr.EntityStoreException")]
public abstract class EntityStoreException : Exception
{
    protected EntityStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
