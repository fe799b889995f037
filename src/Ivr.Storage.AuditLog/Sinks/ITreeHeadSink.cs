using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.AuditLog.Sinks;

/// <summary>
/// Where signed heads go besides the database, out of reach of whoever can rewrite it: a directory (the default), a
/// message broker, an S3 bucket with object lock, a WORM volume. The writer calls it after the head committed, and
/// again for the latest head whenever it claims the log (a crash may have come between), so it must be idempotent:
/// exporting a head already exported changes nothing. Throwing leaves the head in the database; the next head or claim
/// exports again.
/// </summary>
public interface ITreeHeadSink
{
    Task ExportAsync(SignedTreeHead head, CancellationToken cancellationToken);
}
