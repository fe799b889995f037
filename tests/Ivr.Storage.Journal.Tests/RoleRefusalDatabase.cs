using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>One migrated database for <see cref="RoleRefusalTests"/>, dropped afterwards (the journal keeps every row it was given).</summary>
public sealed class RoleRefusalDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("ivr_roles");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
