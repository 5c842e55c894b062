using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Messaging;
using Npgsql;

namespace Municipal.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's own database from <c>ConnectionStrings:{name}</c>, its migrations (the SQL files
    /// embedded under Data/Migrations in the context's assembly, after the shared outbox/inbox ones), a
    /// readiness check, and the outbox signal so events saved with the context leave promptly.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");

        // Aspire's Npgsql client integration: the data source in DI with its health check, tracing and metrics.
        builder.AddNpgsqlDataSource(name, configureDataSourceBuilder: dataSource =>
        {
            dataSource.Name = name;
            dataSource.EnableDynamicJson();
            // Statements used again are prepared on their connection, so Postgres parses them once (issue 18).
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            // A connection back in the pool is not reset: Postgres ran the reset before each next use, 182 times for 20
            // bookings. Nothing here leaves session state behind (no SET, LISTEN or session lock on a pooled
            // connection: locks are taken for the transaction, the listener has a connection of its own).
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
        });
        builder.Services.AddSingleton(new DatabaseRegistration(name, connectionString, typeof(TContext).Assembly));
        builder.Services.AddSingleton<SqlMigrator>();
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddSingleton<OutboxSignal>();
        // Contexts are pooled: a scope takes one reset and ready instead of building a new one with its internal
        // services (issue 18: resolving a fresh context was 7–13 % of a consumer's CPU under bookings). The contexts
        // keep no state of their own beyond what EF resets on return.
        builder.Services.AddDbContextPool<TContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetRequiredService<OutboxSignal>()));

        // The integration's check, under the database's name and counted for readiness.
        builder.AdoptHealthCheck("PostgreSql", name);
        return builder;
    }
}
