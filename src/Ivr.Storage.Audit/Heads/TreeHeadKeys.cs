using System.Security.Cryptography;
using NSec.Cryptography;

namespace Ivr.Storage.Audit.Heads;

/// <summary>Ed25519 keys as the log publishes them: PEM (PKCS#8 private, SPKI public, as <c>openssl genpkey -algorithm ed25519</c> writes) and key ids.</summary>
public static class TreeHeadKeys
{
    public static SignatureAlgorithm Algorithm => SignatureAlgorithm.Ed25519;

    /// <summary>A key's id: the first 8 bytes of SHA-256 of its raw 32-byte public key, in lowercase hex.</summary>
    public static string KeyId(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.Export(KeyBlobFormat.RawPublicKey))[..8]);
    }

    /// <summary>A new private key that can be saved (<see cref="ExportPrivatePem"/>).</summary>
    public static Key Generate() =>
        Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static Key ImportPrivatePem(string pem) =>
        Key.Import(Algorithm, System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPrivateKeyText,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static PublicKey ImportPublicPem(string pem) =>
        PublicKey.Import(Algorithm, System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPublicKeyText);

    public static string ExportPrivatePem(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return System.Text.Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPrivateKeyText));
    }

    public static string ExportPublicPem(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return System.Text.Encoding.ASCII.GetString(key.Export(KeyBlobFormat.PkixPublicKeyText));
    }
}
