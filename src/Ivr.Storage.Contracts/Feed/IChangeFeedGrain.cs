using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>Reads the change feed. A stateless worker: any silo answers, from the journal.</summary>
[Alias("ivr.IChangeFeedGrain")]
public interface IChangeFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Up to <paramref name="limit"/> committed changes after <paramref name="after"/>, in feed order.</summary>
    [Alias("read"), ReadOnly]
    Task<ChangePage> Read(FeedPosition after, int limit);

    /// <summary>
    /// Up to <paramref name="limit"/> committed changes after <paramref name="after"/> that <paramref name="filter"/>
    /// selects, in feed order; <see cref="ChangePage.Next"/> moves past the rows it left out.
    /// </summary>
    /// <exception cref="EntityValidationException">The limit is out of range or a type pattern is invalid.</exception>
    [Alias("read-filtered"), ReadOnly]
    Task<ChangePage> Read(FeedPosition after, int limit, ChangeFeedFilter filter);

    /// <summary>A position before every change not yet visible: follow from here to get only what commits from now on.</summary>
    [Alias("horizon"), ReadOnly]
    Task<FeedPosition> ReadHorizon();
}
