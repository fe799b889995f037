using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// SHA-256 of what a write asks for: operation, expected version, body, schema version and tags. Two requests with
/// the same idempotency key are "the same request" exactly when their fingerprints match. Provenance is left out
/// on purpose: a retry may carry a new causation id or reason, and is still the same write.
/// The hashed bytes are the UTF-8 of "kind\nexpected\nschema\n" + one "len:name=len:value\n" per tag in ordinal order
/// + "\n" + body; they are fed to the hash part by part so a large body is never copied on the write path.
/// Fingerprints are stored in the journal: never change these bytes.
/// </summary>
internal static class RequestFingerprint
{
    public static byte[] Compute(ChangeKind kind, WriteOptions options, string? body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, string.Create(CultureInfo.InvariantCulture,
            $"{(int)kind}\n{options.Expected.Value}\n{options.SchemaVersion?.ToString(CultureInfo.InvariantCulture) ?? "-"}\n"));
        if (options.Tags is not null)
        {
            foreach (var (name, value) in options.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal))
            {
                Append(hash, string.Create(CultureInfo.InvariantCulture, $"{name.Length}:{name}={value.Length}:{value}\n"));
            }
        }

        Append(hash, "\n");
        Append(hash, body ?? "-");
        return hash.GetHashAndReset();
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
