using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.AuditLog.Sinks;

/// <summary>
/// Where signed heads go besides the database, out of reach of whoever can rewrite it: a directory (the default), a
/// message broker, an S3 bucket with object lock, a WORM volume. The writer calls it after the head committed, and
/// again for the latest head whenever it claims the log (a crash may have come between), so it must be idempotent:
/// exporting a head already exported changes nothing. Throwing leaves the head in the database; the next head or claim
/// exports again.
/// <para>
/// Built in: <see cref="DirectoryTreeHeadSink"/> (the default), <see cref="WriteOnceDirectoryTreeHeadSink"/> (refuses
/// to replace, read-only files) and <see cref="RabbitMqTreeHeadSink"/> (persistent, confirmed). An S3 Object Lock
/// bucket plugs in as one more implementation: <c>PutObject</c> of <c>heads/head-{size:D20}.json</c> with
/// <c>If-None-Match: *</c> (never replace), <c>x-amz-object-lock-mode: COMPLIANCE</c> and a retain-until date, on a
/// bucket created with Object Lock; a 412 answer means the key exists: read it and treat a different body as a fork
/// (<see cref="TreeHeadSinkException"/>), the same body as done. Retention in compliance mode binds the bucket's owner too.
/// </para>
/// </summary>
public interface ITreeHeadSink
{
    Task ExportAsync(SignedTreeHead head, CancellationToken cancellationToken);
}
