using System.Text.Json.Nodes;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Verify;

/// <summary>A proof as the gateway returns it: <c>type, id, version, chainHash, leafIndex, treeSize, path[], head</c> (hex).</summary>
internal static class ProofDocument
{
    /// <exception cref="FormatException">Not a proof: the message names the field.</exception>
    public static (LogLeaf Leaf, InclusionProof Proof, SignedTreeHead Head) Parse(string json)
    {
        try
        {
            var o = JsonNode.Parse(json)!.AsObject();
            var leaf = new LogLeaf(o["type"]!.GetValue<string>(), o["id"]!.GetValue<string>(), o["version"]!.GetValue<long>(), Convert.FromHexString(o["chainHash"]!.GetValue<string>()));
            var proof = new InclusionProof(o["leafIndex"]!.GetValue<long>(), o["treeSize"]!.GetValue<long>(), [.. o["path"]!.AsArray().Select(p => Convert.FromHexString(p!.GetValue<string>()))]);
            return (leaf, proof, TreeHeadJson.Parse(o["head"]));
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            throw new FormatException($"Not a version proof: {e.Message}", e);
        }
    }
}
