using Ivr.Storage.Audit.Leaves;

namespace Ivr.Storage.Audit.Tests;

public sealed class LogLeafTests
{
    [Fact]
    public void should_encode_type_and_id_unambiguously()
    {
        var hash = new byte[32];

        Assert.NotEqual(new LogLeaf("a", "bc", 1, hash).Hash(), new LogLeaf("ab", "c", 1, hash).Hash());
    }

    [Fact]
    public void should_commit_to_the_version_and_the_chain_hash()
    {
        var leaf = new LogLeaf("call-session", "x", 3, new byte[32]);

        Assert.NotEqual(leaf.Hash(), (leaf with { Version = 4 }).Hash());
        Assert.NotEqual(leaf.Hash(), (leaf with { ChainHash = AuditSamples.FlipBit(leaf.ChainHash, 255) }).Hash());
    }

    [Fact]
    public void should_refuse_a_chain_hash_of_the_wrong_length() =>
        Assert.Throws<ArgumentException>(() => new LogLeaf("t", "x", 1, new byte[31]).Encode());
}
