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

    [Fact]
    public void The_resident_links_table_comes_with_its_building_block_only()
    {
        var block = BuildingBlockMigrations.Of("ResidentLinks", "resident-links").Scripts;
        Assert.Equal(["resident-links/0001_resident_links", "resident-links/0002_replaced_resident_links"], block.Select(s => s.Id));
        // Not a shared script every service database gets: only the services that add the projection keep the table.
        Assert.DoesNotContain(SqlMigrator.FromAssembly(typeof(SqlMigrator).Assembly, "defaults"), s => s.Sql.Contains("resident_links"));
    }

    /// <summary>
    /// Documents and identity created <c>resident_links</c> with the same statements in migrations of their own before
    /// the table had one home: such a database starts with the block's script and keeps its table and rows.
    /// </summary>
    [Fact]
    public async Task A_database_whose_service_created_resident_links_itself_keeps_them()
    {
        var block = BuildingBlockMigrations.Of("ResidentLinks", "resident-links").Scripts;
        var serviceCopy = new SqlMigrator.Script("service/0005_resident_links", block[0].Sql.Replace(" IF NOT EXISTS", ""));
        await migrator.MigrateAsync(database.ConnectionString, [serviceCopy], default);
        var fresh = await TestDatabase.CreateAsync("migrations");
        try
        {
            await Scalar<int>("""
                INSERT INTO resident_links (id, token_hash, kind, department_key, concern_key, expires_at, updated_at)
                VALUES (gen_random_uuid(), 'hash', 'room', 'residents-office', 'move', now(), now()) RETURNING 1
                """);

            Assert.Equal(block.Count, await migrator.MigrateAsync(database.ConnectionString, block, default));
            Assert.Equal(block.Count, await migrator.MigrateAsync(fresh.ConnectionString, block, default));

            Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM resident_links WHERE token_hash = 'hash'"));
            // The same columns and indexes as a database the block's script made from nothing.
            Assert.Equal(await SchemaAsync(fresh.ConnectionString), await SchemaAsync(database.ConnectionString));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    private static async Task<string> SchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
                FROM information_schema.columns WHERE table_name = 'resident_links'
                UNION ALL
                SELECT indexdef FROM pg_indexes WHERE tablename = 'resident_links') schema
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
