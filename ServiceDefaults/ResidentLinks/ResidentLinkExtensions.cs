using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

public static class ResidentLinkExtensions
{
    /// <summary>
    /// Keeps residents' links learnt from events in <typeparamref name="TContext"/>'s <c>resident_links</c> table (the
    /// service maps it with <see cref="ResidentLink.Map"/>; the table is created by this block's own migration in
    /// <c>ResidentLinks/Migrations</c>, not by the service's): the resolver, the grace for links not known yet and the
    /// clean-up of expired ones. The consumers are added with <see cref="AddResidentLinkConsumers"/> inside <c>AddMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddResidentLinks<TContext>(this IHostApplicationBuilder builder) where TContext : ServiceDbContext
    {
        builder.Services.AddSingleton(BuildingBlockMigrations.Of("ResidentLinks", "resident-links"));
        builder.Services.Configure<ResidentLinkOptions>(builder.Configuration.GetSection(ResidentLinkOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The consumers and the resolver are the service's own database under its common base.
        builder.Services.TryAddScoped<ServiceDbContext>(sp => sp.GetRequiredService<TContext>());
        builder.Services.AddSingleton<LinkGrace>();
        builder.Services.AddScoped<ResidentLinkResolver>();
        builder.Services.AddSingleton<ResidentLinkCleanup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ResidentLinkCleanup>());
        return builder;
    }

    /// <summary>
    /// The consumers of the events that issue, move and close residents' links, on one queue of their own
    /// (<c>&lt;service&gt;-resident-links</c>) so they are applied in the order booking published them.
    /// <paramref name="dossiers"/>: also forms' dossier links, closed with the dossier.
    /// </summary>
    public static IBusRegistrationConfigurator AddResidentLinkConsumers(this IBusRegistrationConfigurator bus, string service, bool dossiers)
    {
        var queue = $"{service}-resident-links";
        bus.AddConsumer<AppointmentBookedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<QueueTicketIssuedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<AppointmentRescheduledConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<AppointmentLinksReissuedConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<AppointmentCancelledConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<QueueTicketLeftConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<SessionTransferredConsumer>().Endpoint(e => e.Name = queue);
        bus.AddConsumer<SessionEndedConsumer>().Endpoint(e => e.Name = queue);
        if (dossiers)
        {
            bus.AddConsumer<DossierLinkIssuedConsumer>().Endpoint(e => e.Name = queue);
            bus.AddConsumer<DossierStatusChangedConsumer>().Endpoint(e => e.Name = queue);
        }
        return bus;
    }
}
