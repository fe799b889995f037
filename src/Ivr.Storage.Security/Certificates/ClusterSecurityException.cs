namespace Ivr.Storage.Security.Certificates;

/// <summary>The cluster's certificates or caller settings are missing or unusable; the host does not start.</summary>
public sealed class ClusterSecurityException : Exception
{
    public ClusterSecurityException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
