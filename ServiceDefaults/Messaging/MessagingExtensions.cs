using System.Net.Sockets;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Data;
using Npgsql;

namespace Municipal.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ (<c>ConnectionStrings:rabbitmq</c>, an amqp:// URI) with kebab-case endpoint
    /// names prefixed by the service, retries that outlast an outage of the database or mail server, and the
    /// outbox relay for <typeparamref name="TContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string service,
        Action<IBusRegistrationConfigurator>? configure = null) where TContext : DbContext, IOutboxContext
    {
        var uri = RabbitMqUri(builder.Configuration);

        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        // What failed for good waits in the endpoints' _error queues: counted for the operator (municipal.messages.failed).
        var errorQueues = new ErrorQueues();
        builder.Services.AddSingleton(errorQueues);
        builder.Services.AddSingleton<ErrorQueueMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ErrorQueueMonitor>());
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            bus.AddConfigureEndpointsCallback((queueName, _) => errorQueues.AddEndpoint(queueName));
            // MassTransit would report usage to its vendor over the internet: a city's system does not phone home.
            bus.DisableUsageTelemetry();
            if (builder.Configuration.GetValue("Messaging:QuorumQueues", false))
            {
                // In a RabbitMQ cluster every consumer queue is a replicated quorum queue. Off by default: an existing
                // classic queue cannot be redeclared as a quorum queue, so a deployment chooses this once.
                bus.AddConfigureEndpointsCallback((_, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint) rabbitEndpoint.SetQuorumQueue();
                });
            }
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), VirtualHost(uri), host =>
                {
                    var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
                    host.Username(credentials.ElementAtOrDefault(0) is { Length: > 0 } user ? user : "guest");
                    host.Password(credentials.ElementAtOrDefault(1) ?? "guest");
                });

                // Outer policy: a handful of tries for ordinary failures, then the _error queue.
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
                // Inner policy: an unreachable dependency is waited out (hours), never dead-lettered.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Exponential(1000, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
                    retry.Handle<NpgsqlException>(ex => ex.IsTransient || ex.InnerException is SocketException);
                    retry.Handle<DbUpdateException>(ex => ex.InnerException is NpgsqlException { IsTransient: true });
                    retry.Handle<SocketException>();
                    retry.Handle<TimeoutException>();
                    retry.Handle<IOException>();
                    retry.Handle<HttpRequestException>();
                    retry.Handle<MailKit.ServiceNotConnectedException>();
                    retry.Handle<MailKit.Net.Smtp.SmtpProtocolException>();
                    retry.Handle<MailKit.Net.Smtp.SmtpCommandException>(ex => (int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500);
                    retry.Handle<StackExchange.Redis.RedisConnectionException>();
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    /// <summary>
    /// For a service that keeps staff accounts: asks the gateway for all of them once its queues are bound
    /// (<see cref="StaffDirectoryRequest{TContext}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddStaffDirectoryRequest<TContext>(this IHostApplicationBuilder builder, string service)
        where TContext : DbContext, IOutboxContext
    {
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<StaffDirectoryRequest<TContext>>(sp, service));
        return builder;
    }

    public static Uri RabbitMqUri(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
        return new Uri(connectionString);
    }

    private static string VirtualHost(Uri uri) =>
        uri.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
}
