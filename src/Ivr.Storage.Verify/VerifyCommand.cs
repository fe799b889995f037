using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.Verify;

/// <summary>
/// Checks one proof file against the trusted public keys and, when given, a head the auditor kept outside the store
/// (the proof must then be against exactly that head). Exit code 0 valid, 1 invalid, 2 unreadable input.
/// </summary>
internal static class VerifyCommand
{
    public static int Run(string proofFile, IReadOnlyList<string> keyFiles, string? trustedHeadFile, TextWriter output) =>
        Run(proofFile, new TrustFiles(keyFiles, []), trustedHeadFile, output);

    public static int Run(string proofFile, TrustFiles trust, string? trustedHeadFile, TextWriter output)
    {
        try
        {
            var keys = trust.Load();
            var (leaf, proof, head) = ProofDocument.Parse(File.ReadAllText(proofFile));
            if (trustedHeadFile is not null)
            {
                var trusted = TreeHeadJson.Parse(File.ReadAllText(trustedHeadFile));
                if (trusted.TreeSize != head.TreeSize || !trusted.RootHash.AsSpan().SequenceEqual(head.RootHash))
                {
                    output.WriteLine($"invalid: {AuditFailure.TreeSizeMismatch}: the proof is against head {head.TreeSize}, not the kept head {trusted.TreeSize} (ask the store for ?treeSize={trusted.TreeSize})");
                    return 1;
                }
            }

            var result = new AuditVerifier(keys).VerifyVersion(leaf, proof, head);
            output.WriteLine(result.IsValid ? $"valid: {leaf} is leaf {proof.LeafIndex} of head {head.TreeSize} signed by {head.KeyId}" : $"invalid: {result}");
            return result.IsValid ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
