using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Consumers;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Jobs;
using Municipal.SessionSignaling.Rooms;
using Municipal.SessionSignaling.Telemetry;
using Municipal.SessionSignaling.Turn;
using StackExchange.Redis;

namespace Municipal.SessionSignaling;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<SessionDb>("sessiondb");
        builder.AddRedis();
        builder.AddMessaging<SessionDb>("sessions", bus =>
        {
            bus.AddConsumer<AppointmentBookedConsumer>();
            bus.AddConsumer<AppointmentRescheduledConsumer>();
            bus.AddConsumer<AppointmentLinksReissuedConsumer>();
            bus.AddConsumer<AppointmentCancelledConsumer>();
            bus.AddConsumer<QueueTicketIssuedConsumer>();
            bus.AddConsumer<StaffAccountChangedConsumer>();
            bus.AddConsumer<QueueTicketMissedConsumer>();
            bus.AddConsumer<QueueTicketLeftConsumer>();
        });
        // The staff accounts published before this service's queue was bound are asked for again.
        builder.AddStaffDirectoryRequest<SessionDb>("sessions");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<RoomAccess>();
        builder.Services.AddSingleton<RoomPresence>();
        builder.Services.AddSingleton<ModeQuestions>();
        builder.Services.AddSingleton<RunningCalls>();
        builder.Services.Configure<CallOptions>(builder.Configuration.GetSection("Sessions:Call"));
        builder.Services.AddSingleton<RoomNotifier>();
        builder.Services.AddSingleton<StaffOnDuty>();
        builder.Services.AddSingleton<IceServers>();
        builder.Services.Configure<TurnOptions>(builder.Configuration.GetSection("Turn"));
        builder.Services.Configure<HubRateLimitOptions>(builder.Configuration.GetSection("Sessions:HubLimits"));
        builder.Services.AddSingleton<HubRateLimitFilter>();
        builder.Services.AddSingleton<TranscriptWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TranscriptWriter>());
        builder.Services.AddHostedService<RoomRetentionJob>();
        builder.Services.AddHostedService<AbandonedRoomJob>();
        builder.Services.AddHostedService<AbandonedCallJob>();
        builder.Services.AddSingleton<SessionMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SessionMetrics>());
        builder.AddSignaling();
    }

    /// <summary>
    /// SignalR with the Redis backplane, so a resident and a clerk connected to different instances share a room.
    /// Channels carry Redis:KeyPrefix, keeping instances of separate systems (and test runs) apart.
    /// </summary>
    private static void AddSignaling(this IHostApplicationBuilder builder)
    {
        var prefix = builder.Configuration["Redis:KeyPrefix"] ?? "";
        builder.Services.AddSignalR(options =>
            {
                // The largest message a page sends is a WebRTC description (SignalData.MaxDescriptionChars) in its frame;
                // each method bounds its own arguments below that. A larger frame closes the connection.
                options.MaximumReceiveMessageSize = 96 * 1024;
                options.EnableDetailedErrors = false;
                options.AddFilter<HubRateLimitFilter>();
            })
            .AddStackExchangeRedis(options =>
            {
                options.Configuration = RedisExtensions.RedisOptions(builder.Configuration);
                options.Configuration.ChannelPrefix = RedisChannel.Literal(prefix + "sessions:signalr");
            });
        // SignalR's JSON protocol, refusing arguments that do not bind with the hub's code rather than without one.
        builder.Services.Replace(ServiceDescriptor.Singleton<IHubProtocol, CodedArgumentsProtocol>());
    }

    public static void MapSignaling(this WebApplication app) =>
        app.MapHub<SessionHub>(SessionHub.Path, options => options.Transports =
                Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets |
                Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling)
            // Residents have no staff token: the hub admits them by the token they send in JoinAsResident.
            .AllowAnonymous();
}
