using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// Base of the consumers that keep a service's <see cref="ResidentLink"/> projection: idempotent on the message id
/// (the service's inbox), on the service's own database (registered as <see cref="ServiceDbContext"/> by
/// <see cref="ResidentLinkExtensions.AddResidentLinks{TContext}"/>).
/// </summary>
public abstract class LinkConsumer<TMessage>(ServiceDbContext db) : IdempotentConsumer<ServiceDbContext, TMessage>(db) where TMessage : class
{
    protected DbSet<ResidentLink> Links => Db.Set<ResidentLink>();

    /// <summary>
    /// Learns the link that opens a room booking just made (appointment or ticket, whose id the room takes), once.
    /// The booking's address and language only where the service keeps them (<see cref="ResidentLinkOptions.KeepContact"/>).
    /// </summary>
    protected async Task OpenRoomAsync(Guid roomId, string tokenHash, string departmentKey, string concernKey, string? email, string language,
        DateTimeOffset expiresAt, ResidentLinkOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (await Links.AnyAsync(l => l.Id == roomId, ct)) return;
        Links.Add(new ResidentLink
        {
            Id = roomId,
            Kind = ResidentLink.Room,
            TokenHash = tokenHash,
            SessionId = roomId,
            DepartmentKey = departmentKey,
            ConcernKey = concernKey,
            Email = options.KeepContact ? email : null,
            Language = options.KeepContact ? language : null,
            ExpiresAt = expiresAt,
            UpdatedAt = now,
        });
    }

    /// <summary>
    /// The link of a room. Thrown when unknown, so the message is retried: it may have overtaken the booking event
    /// that makes the room known, as sessions' own consumers expect.
    /// </summary>
    protected async Task<ResidentLink> RoomAsync(Guid roomId, ConsumeContext context) =>
        await Links.FirstOrDefaultAsync(l => l.Id == roomId && l.Kind == ResidentLink.Room, context.CancellationToken)
        ?? throw new InvalidOperationException($"No link yet for room {roomId}.");
}
