using Npgsql;

namespace Ivr.Storage.Journal.GroupCommit;

/// <summary>
/// The server warned while an append statement committed: with synchronous replication that is PostgreSQL's "canceling
/// wait for synchronous replication … The transaction has already committed locally, but might not have been
/// replicated to the standby" (a cancel request, a statement timeout or a terminated wait ended it). The rows are
/// visible on the primary but may be on no standby, so a failover can lose them: the batch is answered as not
/// confirmed (unknown outcome, the caller reloads and retries with its idempotency key), never as committed.
/// Nothing else warns during an append, so any warning counts (the message text is translated by lc_messages).
/// </summary>
internal sealed class UnconfirmedCommitException(string message) : Exception(message)
{
    /// <summary>Collects the warnings <paramref name="connection"/> receives until disposed; <see cref="Watch.ThrowIfAny"/> reports them.</summary>
    public static Watch Observe(NpgsqlConnection connection) => new(connection);

    internal sealed class Watch : IDisposable
    {
        private readonly NpgsqlConnection _connection;
        private PostgresNotice? _warning;

        public Watch(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notice += OnNotice;
        }

        public void ThrowIfAny()
        {
            if (_warning is { } warning)
            {
                throw new UnconfirmedCommitException($"the commit may not have reached the synchronous standby ({warning.MessageText} {warning.Detail})");
            }
        }

        public void Dispose() => _connection.Notice -= OnNotice;

        private void OnNotice(object sender, NpgsqlNoticeEventArgs e)
        {
            if (e.Notice.InvariantSeverity == "WARNING")
            {
                _warning ??= e.Notice;
            }
        }
    }
}
