using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Ocr;
using Municipal.IdentityVerification.Retention;
using Municipal.IdentityVerification.Security;
using Municipal.IdentityVerification.Tans;
using Municipal.IdentityVerification.Telemetry;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults.ResidentLinks;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.IdentityVerification;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<IdentityDb>("identitydb");
        // A resident's signing code goes to the consultation their link opens, learnt from the events (with the
        // booking's e-mail address and language), never asked of sessions per request.
        builder.AddMessaging<IdentityDb>("identity", bus => bus.AddResidentLinkConsumers("identity", dossiers: false));
        builder.AddResidentLinks<IdentityDb>();
        builder.Services.Configure<ResidentLinkOptions>(o => o.KeepContact = true);
        builder.AddMail();

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KeyedHasher>();
        builder.Services.AddSingleton<StillPolicy>();
        builder.Services.AddSingleton<MrzOcr>();

        // "http://sessions" is resolved by service discovery (services:sessions:http:0), for staff look-ups only.
        // A clerk waits for the answer: a slow sessions service is an outage (503) within seconds, not a hang.
        builder.AddSessionsClient(TimeSpan.FromSeconds(builder.Configuration.GetValue("Identity:SessionsTimeoutSeconds", 5)));

        builder.Services.AddSingleton<ISmsProvider, MailboxSmsProvider>();
        builder.Services.AddSingleton<TanSender>();
        builder.Services.AddSingleton<IdentityMetrics>();

        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection("Identity"));
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
    }
}
