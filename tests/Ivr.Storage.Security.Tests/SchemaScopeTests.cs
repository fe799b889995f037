using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Security.Tests;

/// <summary>Issue 18: registering a schema is its own right, <c>schemas:admin:&lt;type pattern&gt;</c>; no entities scope implies it.</summary>
public sealed class SchemaScopeTests
{
    [Theory]
    [InlineData("schemas:admin:call-session", "call-session", true)]
    [InlineData("schemas:admin:call-*", "call-session", true)]
    [InlineData("schemas:admin:*", "billing", true)]
    [InlineData("schemas:admin:call-*", "billing", false)]
    [InlineData("entities:admin:*", "call-session", false)]
    [InlineData("entities:write:call-session", "call-session", false)]
    [InlineData("schemas:read:call-session", "call-session", false)]
    [InlineData("schemas:admin:call-session:x", "call-session", false)]
    public void a_schema_scope_grants_schema_administration_on_its_pattern_only(string scope, string type, bool granted) =>
        Assert.Equal(granted, EntityScope.Grants(scope, EntityAccess.AdministerSchema, type));

    [Fact]
    public void a_schema_scope_grants_no_access_to_entities()
    {
        Assert.False(EntityScope.Grants("schemas:admin:*", EntityAccess.Read, "call-session"));
        Assert.False(EntityScope.Grants("schemas:admin:*", EntityAccess.Write, "call-session"));
        Assert.Equal("schemas:admin:call-session", EntityScope.Required(EntityAccess.AdministerSchema, "call-session"));
    }
}
