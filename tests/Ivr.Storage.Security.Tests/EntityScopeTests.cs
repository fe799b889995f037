using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Security.Tests;

/// <summary>The scope grammar the gateway and the silos share.</summary>
public sealed class EntityScopeTests
{
    [Theory]
    [InlineData("entities:read:call-session", EntityAccess.Read, "call-session", true)]
    [InlineData("entities:read:call-session", EntityAccess.Write, "call-session", false)]
    [InlineData("entities:write:call-session", EntityAccess.Read, "call-session", false)]
    [InlineData("entities:admin:call-session", EntityAccess.Write, "call-session", true)]
    [InlineData("entities:read:call-*", EntityAccess.Read, "call-session", true)]
    [InlineData("entities:read:call-*", EntityAccess.Read, "billing", false)]
    [InlineData("entities:read:*", EntityAccess.Read, "billing", true)]
    [InlineData("entities:read:call-session", EntityAccess.Read, "call-session-archive", false)]
    [InlineData("entities:read:call-session:extra", EntityAccess.Read, "call-session", false)]
    [InlineData("other:read:call-session", EntityAccess.Read, "call-session", false)]
    public void a_scope_grants_its_verb_on_its_pattern_only(string scope, EntityAccess access, string type, bool granted) =>
        Assert.Equal(granted, EntityScope.Grants(scope, access, type));

    [Fact]
    public void only_a_star_pattern_grants_every_type()
    {
        Assert.True(EntityScope.AllowsEveryType(["entities:admin:*"], EntityAccess.Read));
        Assert.False(EntityScope.AllowsEveryType(["entities:read:call-*", "entities:read:billing"], EntityAccess.Read));
    }
}
