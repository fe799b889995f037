using Ivr.Storage.Contracts;

namespace Ivr.Storage.ReadModel;

/// <summary>
/// How the projector shows a payload at its type's latest schema version (the silos implement it with their schema
/// cache and upcasters). The read model holds the upcast form and the schema version it is shown at; the journal keeps
/// the stored bytes.
/// </summary>
public interface IProjectionUpcaster
{
    /// <summary>
    /// Version <paramref name="version"/> of <paramref name="key"/>, stored (or last projected) under schema version
    /// <paramref name="recorded"/>, shown at the type's latest schema version, which is at least
    /// <paramref name="atLeast"/> when given (a version the projector met in the feed before this silo's cache did).
    /// A type without a schema, or a payload an upcaster cannot reshape, comes back as given, with
    /// <paramref name="recorded"/> (0 for none: written while the type was free-form).
    /// </summary>
    ValueTask<(string Payload, int SchemaVersion)> ShowAsync(EntityKey key, long version, string payload, int? recorded, long? atLeast);
}
