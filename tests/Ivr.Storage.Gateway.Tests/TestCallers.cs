using System.Security.Cryptography;
using System.Text;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The API keys the test gateway knows, with their scopes. Configuration holds only their hashes.</summary>
public static class TestCallers
{
    public const string Admin = "test-admin-key";
    public const string Reader = "test-reader-key";
    public const string CallSessionWriter = "test-call-session-writer-key";
    public const string CallFamily = "test-call-family-key";
    public const string SchemaAdmin = "test-schema-admin-key";
    public const string ManyTypes = "test-many-types-key";

    public static IReadOnlyList<(string Name, string Key, string[] Scopes)> All { get; } =
    [
        ("admin", Admin, ["entities:admin:*"]),
        ("reader", Reader, ["entities:read:*"]),
        ("call-session-writer", CallSessionWriter, ["entities:write:call-session"]),
        ("call-family", CallFamily, ["entities:read:call-*", "entities:write:call-*"]),
        ("schema-admin", SchemaAdmin, ["schemas:admin:call-*"]),
        // One type pattern more than a database-side type filter takes (ChangeFeedFilter.MaxTypes is 64).
        ("many-types", ManyTypes, [.. Enumerable.Range(0, 65).Select(i => $"entities:read:type-{i}")]),
    ];

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
