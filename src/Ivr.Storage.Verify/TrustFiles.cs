using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.Verify;

/// <summary>What the auditor trusts, as files: the log's public keys (SPKI PEM) and timestamp authorities (certificate PEM).</summary>
internal sealed record TrustFiles(IReadOnlyList<string> Keys, IReadOnlyList<string> TimestampAuthorities)
{
    public static TrustFiles Of(string[]? keys, string[]? authorities) => new(keys ?? [], authorities ?? []);

    /// <exception cref="FormatException">A file is not a key or certificate.</exception>
    public TreeHeadKeyRing Load()
    {
        var ring = new TreeHeadKeyRing();
        foreach (var file in Keys)
        {
            ring.AddPem(File.ReadAllText(file));
        }

        foreach (var file in TimestampAuthorities)
        {
            try
            {
                ring.AddTimestampAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(file)));
            }
            catch (CryptographicException e)
            {
                throw new FormatException($"{file} is not a PEM certificate: {e.Message}", e);
            }
        }

        return ring;
    }
}
