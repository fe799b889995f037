using Npgsql;

namespace Ivr.Storage.ReadModel.Tests;

/// <summary>A transaction holding a lock on the projection's checkpoint table; disposing it lets the projection go on.</summary>
internal sealed record HeldProjection(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
