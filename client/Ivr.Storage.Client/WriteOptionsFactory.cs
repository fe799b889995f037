using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>Turns the caller's <see cref="EntityWriteOptions"/> into the grain's <see cref="WriteOptions"/>, filling in the defaults.</summary>
internal sealed class WriteOptionsFactory(IvrStorageClientOptions options)
{
    public WriteOptions Create(EntityWriteOptions? write)
    {
        write ??= EntityWriteOptions.Default;
        return new WriteOptions
        {
            Provenance = new Provenance
            {
                Source = write.Source ?? options.Source,
                CorrelationId = write.CorrelationId ?? CurrentTraceId(),
                CausationId = write.CausationId,
                Actor = write.Actor,
                Reason = write.Reason,
            },
            Expected = write.Expected,
            IdempotencyKey = write.IdempotencyKey ?? (options.AddIdempotencyKeys ? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) : null),
            SchemaVersion = write.SchemaVersion,
            Tags = write.Tags,
        };
    }

    /// <summary>The W3C trace id of the current activity; null outside a trace (or for a hierarchical id).</summary>
    private static string? CurrentTraceId() =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null;
}
