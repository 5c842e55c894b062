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
            bus.AddConsumer<DeliverSubmissionPdf>();
            bus.AddConsumer<MailDossierStatus>();
        });
        builder.AddRedis();
        builder.AddMail();
        builder.AddSessionRooms();

        // Definitions omit what they do not use; the browser's rules.js treats absent like null.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CityClock>();
        builder.Services.AddSingleton(_ => new FormCatalog());
        builder.Services.AddSingleton<DraftEvents>();
        builder.Services.AddSingleton<PdfPrinter>();
        builder.Services.AddScoped<DraftStore>();
        builder.Services.AddScoped<DraftAccess>();
        builder.Services.AddScoped<Prefill>();
        builder.Services.AddScoped<Signer>();
        builder.Services.AddScoped<Submitter>();

        // Other services by their AppHost names (service discovery resolves http://<name>).
        builder.Services.AddHttpClient(IdentityTans.Client, c => c.BaseAddress = new Uri("http://identity"));
        builder.Services.AddHttpClient(DocumentIntake.Client, c => c.BaseAddress = new Uri("http://documents"));
        builder.Services.AddSingleton<RoomDirectory>();
        builder.Services.AddSingleton<IdentityTans>();
        builder.Services.AddSingleton<DocumentIntake>();
    }
}
