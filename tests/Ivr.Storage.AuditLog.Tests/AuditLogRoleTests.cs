using Npgsql;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>The runtime role writes the log, but can rewrite nothing it wrote.</summary>
public sealed class AuditLogRoleTests
{
    [Theory]
    [InlineData("UPDATE ivr_audit.log_heads SET root_hash = decode(repeat('00', 32), 'hex')")]
    [InlineData("DELETE FROM ivr_audit.log_heads")]
    [InlineData("UPDATE ivr_audit.log_nodes SET hash = decode(repeat('00', 32), 'hex')")]
    [InlineData("DELETE FROM ivr_audit.log_nodes")]
    [InlineData("UPDATE ivr_audit.log_leaves SET version = version + 1")]
    [InlineData("DELETE FROM ivr_audit.log_leaves")]
    [InlineData("DELETE FROM ivr_audit.log_state")]
    [InlineData("TRUNCATE ivr_audit.log_heads")]
    public async Task should_refuse_the_runtime_role_rewriting_the_log(string statement)
    {
        await using var log = await AuditLogHarness.StartAsync("ivr_audit_role");
        await log.WriteAsync("call-session", entities: 1, versions: 3);
        var writer = log.Writer(headEveryVersions: 1);
        await writer.ClaimAsync();
        await AuditLogHarness.CatchUpToAsync(writer, 3);

        await using var connection = await log.Runtime.OpenConnectionAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(statement, connection).ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
