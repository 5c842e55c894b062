using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Municipal.ServiceDefaults;

public static class RedisExtensions
{
    /// <summary>
    /// A shared multiplexer from <c>ConnectionStrings:redis</c> that reconnects by itself (Aspire's Redis client
    /// integration: health check and tracing included), counted for readiness as "redis".
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis", configureOptions: Reconnecting);
        builder.AdoptHealthCheck("StackExchange.Redis", "redis");
        return builder;
    }

    /// <summary>The same connection for a client of its own (SignalR's Redis backplane).</summary>
    public static ConfigurationOptions RedisOptions(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("ConnectionStrings:redis is not configured.");
        var options = ConfigurationOptions.Parse(connectionString);
        Reconnecting(options);
        return options;
    }

    /// <summary>Starts without Redis and keeps reconnecting: an outage delays the queue and the backplane, never the start.</summary>
    private static void Reconnecting(ConfigurationOptions options)
    {
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 5;
    }
}
