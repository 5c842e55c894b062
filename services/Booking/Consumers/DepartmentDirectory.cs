using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>
/// Booking owns the departments (the admin page saves them here); the document intake keeps each one's inbox from
/// <see cref="DepartmentChanged"/>. Published on each save, for every department once booking's queues are bound,
/// and again when a service asks (<see cref="DepartmentsRequested"/>): on a fresh broker whichever of the two starts
/// last reaches the other, as the staff directory does.
/// </summary>
public static class DepartmentDirectory
{
    public static DepartmentChanged Changed(Department department, DateTimeOffset now) =>
        new(department.Key, department.NameDe, department.NameEn, department.MailboxEmail, now, department.NameFr, department.NameIt,
            department.StaffLanguage);

    public static ConcernChanged Changed(Concern concern, DateTimeOffset now) =>
        new(concern.Key, concern.DepartmentKey, concern.NameDe, concern.NameEn, concern.NameFr, concern.NameIt, now);

    /// <summary>Puts every department and every concern in the outbox, in the caller's transaction.</summary>
    public static async Task PublishAllAsync(BookingDb db, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var department in await db.Departments.AsNoTracking().ToListAsync(ct)) db.Publish(Changed(department, now));
        foreach (var concern in await db.Concerns.AsNoTracking().ToListAsync(ct)) db.Publish(Changed(concern, now));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Answers a service's ask with every department (through the outbox).</summary>
public sealed class DepartmentsRequestedConsumer(BookingDb db, TimeProvider clock) : IConsumer<DepartmentsRequested>
{
    public Task Consume(ConsumeContext<DepartmentsRequested> context) =>
        DepartmentDirectory.PublishAllAsync(db, clock.GetUtcNow(), context.CancellationToken);
}

/// <summary>Publishes every department once booking's queues are bound.</summary>
public sealed class DepartmentAnnouncement(IBusControl bus, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DepartmentAnnouncement> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        bus.RunOnceBoundAsync("Announcing the departments", async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await DepartmentDirectory.PublishAllAsync(scope.ServiceProvider.GetRequiredService<BookingDb>(), clock.GetUtcNow(), cancellationToken);
        }, clock, logger, stoppingToken);
}
