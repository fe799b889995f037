using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// SHA-256 of what a write asks for: operation, expected version, body, schema version and tags. Two requests with
/// the same idempotency key are "the same request" exactly when their fingerprints match. Provenance is left out
/// on purpose: a retry may carry a new causation id or reason, and is still the same write.
/// </summary>
internal static class RequestFingerprint
{
    public static byte[] Compute(ChangeKind kind, WriteOptions options, string? body)
    {
        var text = new StringBuilder()
            .Append((int)kind).Append('\n')
            .Append(options.Expected.Value.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(options.SchemaVersion?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        if (options.Tags is not null)
        {
            foreach (var (name, value) in options.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal))
            {
                text.Append(name.Length).Append(':').Append(name).Append('=').Append(value.Length).Append(':').Append(value).Append('\n');
            }
        }

        text.Append('\n').Append(body ?? "-");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
