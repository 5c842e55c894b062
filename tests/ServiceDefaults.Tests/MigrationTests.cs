using Microsoft.Extensions.Logging.Abstractions;
using Municipal.ServiceDefaults.Data;
using Municipal.Testing;
using Npgsql;

namespace Municipal.ServiceDefaults.Tests;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly SqlMigrator migrator = new(NullLogger<SqlMigrator>.Instance);
    private TestDatabase database = null!;

    private static readonly SqlMigrator.Script CreatePeople = new("service/0001_people", "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);");
    private static readonly SqlMigrator.Script AddEmail = new("service/0002_email", "ALTER TABLE people ADD COLUMN email text NULL; UPDATE people SET email = name || '@example.org';");

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("migrations");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Applies_to_an_empty_database_and_nothing_when_up_to_date()
    {
        Assert.Equal(2, await migrator.MigrateAsync(database.ConnectionString, [CreatePeople, AddEmail], default));
        Assert.Equal(0, await migrator.MigrateAsync(database.ConnectionString, [CreatePeople, AddEmail], default));
        Assert.Equal(2L, await Scalar<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Evolves_an_existing_database_without_losing_data()
    {
        await migrator.MigrateAsync(database.ConnectionString, [CreatePeople], default);
        await Scalar<int>("INSERT INTO people (id, name) VALUES (1, 'anna') RETURNING id");

        Assert.Equal(1, await migrator.MigrateAsync(database.ConnectionString, [CreatePeople, AddEmail], default));

        Assert.Equal("anna@example.org", await Scalar<string>("SELECT email FROM people WHERE id = 1"));
    }

    [Fact]
    public async Task Instances_starting_together_apply_each_script_once()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => migrator.MigrateAsync(database.ConnectionString, [CreatePeople, AddEmail], default))));

        Assert.Equal(2, runs.Sum());
        Assert.Equal(2L, await Scalar<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_changed_applied_migration_stops_the_start()
    {
        await migrator.MigrateAsync(database.ConnectionString, [CreatePeople], default);
        var edited = CreatePeople with { Sql = CreatePeople.Sql.Replace("name text", "full_name text") };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(database.ConnectionString, [edited], default));
        Assert.Contains("0001_people", error.Message);
    }

    [Fact]
    public void Scripts_are_read_from_embedded_resources_in_order()
    {
        var scripts = SqlMigrator.FromAssembly(typeof(SqlMigrator).Assembly, "defaults");
        Assert.Contains(scripts, s => s.Id == "defaults/0001_outbox_inbox");
        Assert.Equal(scripts.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id), scripts.Select(s => s.Id));
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
