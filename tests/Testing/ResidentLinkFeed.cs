using System.Linq.Expressions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Booking;
using Municipal.Contracts.Forms;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.ResidentLinks;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Testing;

/// <summary>
/// Gives a service in-process (documents, identity) residents' links the way production does: booking's, sessions'
/// and forms' events published on the service's own bus (its RabbitMQ virtual host), then waits until its consumer
/// applied them to its <see cref="ResidentLink"/> projection. No stand-in answers for a neighbour.
/// </summary>
public sealed class ResidentLinkFeed(IServiceProvider services)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private DateTimeOffset Now => (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();

    /// <summary>A walk-in ticket's link; its room has the ticket's id.</summary>
    public async Task<(Guid RoomId, string Token)> TicketAsync(string departmentKey = "residents-office", string concernKey = "move",
        string citizenName = "Erika Muster", string? email = "erika@example.org", string language = "de", TimeSpan? lifetime = null, string? token = null)
    {
        var (id, now) = (Guid.CreateVersion7(), Now);
        token ??= CapabilityToken.Create();
        await PublishAsync(new QueueTicketIssued(id, concernKey, departmentKey, citizenName, email, language, CapabilityToken.Hash(token),
            now, now + (lifetime ?? TimeSpan.FromHours(2))), l => l.Id == id);
        return (id, token);
    }

    /// <summary>A booked appointment's join link; its room has the appointment's id.</summary>
    public async Task<(Guid RoomId, string Token)> AppointmentAsync(string departmentKey = "residents-office", string concernKey = "move",
        string citizenName = "Erika Muster", string email = "erika@example.org", string language = "de", TimeSpan? lifetime = null)
    {
        var (id, token, now) = (Guid.CreateVersion7(), CapabilityToken.Create(), Now);
        await PublishAsync(new AppointmentBooked(id, concernKey, departmentKey, now.AddHours(1), now.AddHours(1.5), citizenName, email, language,
            CapabilityToken.Hash(token), now + (lifetime ?? TimeSpan.FromHours(3)), now), l => l.Id == id);
        return (id, token);
    }

    /// <summary>The appointment moved (to another concern and department, if named): a fresh link replaces the old one.</summary>
    public async Task<string> RescheduleAsync(Guid appointmentId, int sequence, string concernKey, string departmentKey)
    {
        var (token, now) = (CapabilityToken.Create(), Now);
        await PublishAsync(new AppointmentRescheduled(appointmentId, concernKey, departmentKey, now.AddDays(1), now.AddDays(1).AddMinutes(30), sequence,
            now.AddDays(1).AddHours(2), now, CapabilityToken.Hash(token)), l => l.Id == appointmentId && l.Sequence == sequence);
        return token;
    }

    public Task CancelAsync(Guid appointmentId, string departmentKey = "residents-office", string concernKey = "move") =>
        PublishAsync(new AppointmentCancelled(appointmentId, concernKey, departmentKey, Now, "resident"), l => l.Id == appointmentId && l.ClosedAt != null);

    public Task EndAsync(Guid roomId, string departmentKey = "residents-office", string concernKey = "move") =>
        PublishAsync(new SessionEnded(roomId, null, roomId, concernKey, departmentKey, Guid.NewGuid(), "chat", TimeSpan.Zero, TimeSpan.FromMinutes(5), Now),
            l => l.Id == roomId && l.ClosedAt != null);

    public Task TransferAsync(Guid roomId, string toDepartmentKey) =>
        PublishAsync(new SessionTransferred(roomId, Guid.NewGuid(), null, toDepartmentKey, Now), l => l.Id == roomId && l.DepartmentKey == toDepartmentKey);

    /// <summary>A dossier's status link, as forms issues it with a status mail.</summary>
    public async Task<(Guid DossierId, string Token)> DossierAsync(string departmentKey = "tax-office", string concernKey = "tax-return", Guid? sessionId = null)
    {
        var (id, token, now) = (Guid.CreateVersion7(), CapabilityToken.Create(), Now);
        var hash = CapabilityToken.Hash(token);
        await PublishAsync(new DossierLinkIssued(id, hash, departmentKey, concernKey, sessionId, now.AddDays(365), now), l => l.TokenHash == hash);
        return (id, token);
    }

    /// <summary>Publishes <paramref name="message"/> as its own type and waits until the projection shows <paramref name="applied"/>.</summary>
    public async Task PublishAsync(object message, Expression<Func<ResidentLink, bool>> applied)
    {
        var bus = services.GetRequiredService<IBusControl>();
        // Published before the service's queue is bound, the event would go nowhere.
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        await bus.Publish(message);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
                if (await db.Set<ResidentLink>().AsNoTracking().AnyAsync(applied)) return;
            }
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{message.GetType().Name} was not applied within {Patience.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}
