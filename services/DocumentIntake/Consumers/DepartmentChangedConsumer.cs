using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>
/// Keeps a department's inbox as booking's admin page saved it. Only the two departments of the demo city had one (the
/// migration's rows): a department added on the admin page was offered for handing documents on and refused, and its
/// forms' PDFs waited for ever ("transmission pending", staff walk of 2026-12-06). One upsert: the same however often
/// it runs.
/// </summary>
public sealed class DepartmentChangedConsumer(DocumentDb db) : IdempotentConsumer<DocumentDb, DepartmentChanged>(db)
{
    protected override bool OneIdempotentStatement => true;

    protected override async Task Handle(DepartmentChanged message, ConsumeContext<DepartmentChanged> context)
    {
        var english = string.IsNullOrWhiteSpace(message.NameEn) ? message.NameDe : message.NameEn;
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO department_inboxes (department_key, name_de, name_en, name_fr, name_it, mailbox, staff_language)
            VALUES ({message.Key}, {message.NameDe}, {english}, {message.NameFr ?? ""}, {message.NameIt ?? ""}, {message.MailboxEmail},
                {message.StaffLanguage ?? ""})
            ON CONFLICT (department_key) DO UPDATE SET name_de = excluded.name_de, name_en = excluded.name_en,
                name_fr = excluded.name_fr, name_it = excluded.name_it, mailbox = excluded.mailbox, staff_language = excluded.staff_language
            """, context.CancellationToken);
    }
}

/// <summary>
/// Asks booking for every department once this service's queues are bound: the departments booking announces at its
/// own start are dropped by RabbitMQ while this queue is not bound yet (a fresh broker, both starting side by side).
/// </summary>
public sealed class DepartmentsRequest(IBusControl bus, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DepartmentsRequest> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        bus.RunOnceBoundAsync("Asking for the departments", async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
            db.Publish(new DepartmentsRequested("documents", clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }, clock, logger, stoppingToken);
}
