using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Municipal.DocumentIntake.Consumers;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Kiosk;
using Municipal.DocumentIntake.Jobs;
using Municipal.DocumentIntake.Routing;
using Municipal.DocumentIntake.Scanning;
using Municipal.DocumentIntake.Telemetry;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults.ResidentLinks;
using Municipal.ServiceDefaults.Sessions;
using Municipal.DocumentIntake.Storage;
using Municipal.DocumentIntake.Submissions;
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<DocumentDb>("documentdb");
        builder.AddMessaging<DocumentDb>("documents", bus =>
        {
            // Renamed after their events (docs/CONVENTIONS.md); the queues keep their names, so messages waiting in
            // them at an upgrade are not stranded.
            bus.AddConsumer<DocumentReceivedConsumer>().Endpoint(e => e.Name = "documents-department-notification");
            bus.AddConsumer<KioskSubmissionReceivedConsumer>().Endpoint(e => e.Name = "documents-kiosk-receipt");
            bus.AddConsumer<DocumentHandedOnConsumer>();
            bus.AddConsumer<StaffAccountChangedConsumer>();
            bus.AddConsumer<DepartmentChangedConsumer>();
            bus.AddConsumer<ConcernChangedConsumer>();
            bus.AddResidentLinkConsumers("documents", dossiers: true);
        });
        // The staff accounts published before this service's queue was bound are asked for again.
        builder.AddStaffDirectoryRequest<DocumentDb>("documents");
        // So are the departments, whose inboxes this service keeps.
        builder.Services.AddHostedService<DepartmentsRequest>();
        // Residents' links are learnt from booking's, sessions' and forms' events, never asked for per upload.
        builder.AddResidentLinks<DocumentDb>();
        builder.AddMail();

        builder.Services.Configure<DocumentOptions>(builder.Configuration.GetSection(DocumentOptions.Section));
        var options = builder.Configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
        // Uploads are read section by section (never through the form reader); the upload endpoints raise the
        // per-request limit to Documents:MaxFiles × Documents:MaxFileBytes themselves, everything else keeps Kestrel's default.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 30 * 1024 * 1024);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = options.MaxFileBytes);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DocumentStorage>();
        builder.Services.AddSingleton<ClamAvScanner>();
        // Without clamd uploads wait as pending_scan and are scanned later: degraded, not unhealthy.
        builder.Services.AddHealthChecks().AddServerProbe("clamav",
            new Uri(builder.Configuration.GetConnectionString("clamav") ?? "tcp://127.0.0.1:3310"), send: "zPING\0", expect: "PONG");
        builder.Services.AddSingleton<DocumentMetrics>();
        builder.Services.AddScoped<UploadReader>();
        builder.Services.AddScoped<LinkAllowance>();
        builder.Services.AddScoped<IntakeService>();
        builder.Services.AddScoped<DocumentRouter>();
        builder.Services.AddScoped<KioskDevices>();
        builder.Services.AddSingleton<PendingScanJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PendingScanJob>());
        builder.Services.AddSingleton<DocumentRetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DocumentRetentionJob>());
        builder.Services.AddSingleton<OrphanFileJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrphanFileJob>());

        // "http://sessions" resolves through service discovery (services:sessions:http:0): asked only whether a staff
        // member may read a consultation's documents from another department's inbox (ConsultationDocuments).
        builder.AddSessionsClient();
    }
}
