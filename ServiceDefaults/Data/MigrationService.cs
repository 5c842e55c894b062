using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Municipal.ServiceDefaults.Data;

/// <summary>
/// Runs the migrations before the server starts listening. While the database is unreachable it waits
/// and retries: a service that starts before Postgres comes up late rather than not at all.
/// </summary>
internal sealed class MigrationService(
    SqlMigrator migrator,
    DatabaseRegistration registration,
    IEnumerable<BuildingBlockMigrations> blocks,
    ILogger<MigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The shared outbox and inbox, then the tables of the building blocks the service added, then its own.
        var scripts = SqlMigrator.FromAssembly(typeof(MigrationService).Assembly, "defaults")
            .Concat(blocks.SelectMany(b => b.Scripts))
            .Concat(SqlMigrator.FromAssembly(registration.MigrationsAssembly, "service"))
            .ToList();

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(registration.ConnectionString, scripts, cancellationToken);
                return;
            }
            catch (Npgsql.NpgsqlException ex) when (ex.IsTransient || ex.InnerException is System.Net.Sockets.SocketException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt)));
                logger.LogWarning(ex, "Database not reachable for migrations (attempt {Attempt}); retrying in {Delay}", attempt, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed record DatabaseRegistration(string Name, string ConnectionString, Assembly MigrationsAssembly);

/// <summary>
/// The tables a building block of ServiceDefaults keeps in the database of the service that adds it (the resident
/// links projection), written once beside the block rather than copied into each service's migrations.
/// </summary>
internal sealed record BuildingBlockMigrations(IReadOnlyList<SqlMigrator.Script> Scripts)
{
    /// <summary>The block's scripts, embedded under <c>&lt;folder&gt;/Migrations</c> in ServiceDefaults, with ids <c>&lt;scope&gt;/NNNN_name</c>.</summary>
    public static BuildingBlockMigrations Of(string folder, string scope) =>
        new(SqlMigrator.FromAssembly(typeof(BuildingBlockMigrations).Assembly, scope, folder));
}
