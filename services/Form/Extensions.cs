using System.Text.Json.Serialization;
using Municipal.Form.Clients;
using Municipal.Form.Consumers;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Pdf;
using Municipal.Form.Realtime;
using Municipal.Form.Signing;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Municipal.Form;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<FormDb>("formdb");
        builder.AddMessaging<FormDb>("forms", bus =>
        {
            bus.AddConsumer<IdentityVerifiedConsumer>();
            // These two keep the queues of their former names (DeliverSubmissionPdf, MailDossierStatus): a queue is
            // named after its consumer, and a new name would leave the waiting messages in the old queue.
            bus.AddConsumer<FormSubmittedConsumer>().Endpoint(e => e.Name = "forms-deliver-submission-pdf");
            bus.AddConsumer<DossierStatusChangedConsumer>().Endpoint(e => e.Name = "forms-mail-dossier-status");
        });
        builder.AddRedis();
        builder.AddMail();
        builder.AddSessionsClient();

        // Definitions omit what they do not use; the browser's rules.js treats absent like null.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new FormCatalog(sp.GetRequiredService<ILogger<FormCatalog>>()));
        builder.Services.AddSingleton<DraftEvents>();
        builder.Services.AddSingleton<PdfPrinter>();
        builder.Services.AddScoped<DraftStore>();
        builder.Services.AddScoped<DraftAccess>();
        builder.Services.AddScoped<ConsultationAccess>();
        builder.Services.AddScoped<Prefill>();
        builder.Services.AddScoped<Signer>();
        builder.Services.AddScoped<Submitter>();
        builder.Services.AddHostedService<Jobs.FormRetentionJob>();
        builder.Services.AddSingleton<CodeLimits>();

        // Other services by their AppHost names (service discovery resolves http://<name>).
        // A TAN request sends a mail or an SMS and a check spends an attempt: neither is repeated because an answer was
        // slow (the defaults retry every method after 10 s), and a busy identity service gets more time.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the only way to replace the defaults for one client.
        builder.Services.AddHttpClient(IdentityTans.Client, c => c.BaseAddress = new Uri("http://identity"))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.DisableForUnsafeHttpMethods();
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(40);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            });
#pragma warning restore EXTEXP0001
        builder.Services.AddHttpClient(DocumentIntake.Client, c => c.BaseAddress = new Uri("http://documents"));
        builder.Services.AddScoped<RoomDirectory>();
        builder.Services.AddSingleton<IdentityTans>();
        builder.Services.AddSingleton<DocumentIntake>();
    }
}
