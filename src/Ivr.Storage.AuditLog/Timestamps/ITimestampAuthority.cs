namespace Ivr.Storage.AuditLog.Timestamps;

/// <summary>
/// A timestamp authority outside the operator's control (RFC 3161): it signs a hash with its time. The log asks it
/// for every head it signs (<see cref="Audit.Timestamps.HeadTimestamp.Imprint"/>) before storing the head.
/// </summary>
public interface ITimestampAuthority
{
    /// <summary>A timestamp token (DER) over the SHA-256 hash <paramref name="sha256"/>.</summary>
    /// <exception cref="TimestampAuthorityException">The authority is unreachable or answered something other than a granted token over that hash.</exception>
    Task<byte[]> TimestampAsync(byte[] sha256, CancellationToken cancellationToken);
}
