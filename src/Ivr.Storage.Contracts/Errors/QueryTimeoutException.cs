namespace Ivr.Storage.Contracts;

/// <summary>
/// A read-model query ran longer than the silo allows (<c>ReadModel:QueryTimeout</c>) and the database cancelled it.
/// Nothing is wrong with the store: narrow the query (a type, a containment filter, a smaller page) or retry later if
/// the read model was busy. Not retried by the client library.
/// </summary>
[GenerateSerializer, Alias("ivr.QueryTimeoutException")]
public sealed class QueryTimeoutException : EntityStoreException
{
    public QueryTimeoutException(TimeSpan timeout)
        : base($"The read-model query was cancelled after {timeout.TotalSeconds:0.###} s (ReadModel:QueryTimeout); narrow it or retry later.")
    {
        Timeout = timeout;
    }

    /// <summary>The limit the query exceeded.</summary>
    [Id(0)] public TimeSpan Timeout { get; private set; }
}
