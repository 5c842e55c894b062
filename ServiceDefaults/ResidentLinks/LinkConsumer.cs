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
        // One statement, nothing tracked: every booking passes here in each service keeping links (issue 18).
        var keptEmail = options.KeepContact ? email : null;
        var keptLanguage = options.KeepContact ? language : null;
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO resident_links (id, kind, token_hash, session_id, department_key, concern_key, email, language, expires_at, sequence, updated_at)
            VALUES ({roomId}, {ResidentLink.Room}, {tokenHash}, {roomId}, {departmentKey}, {concernKey}, {keptEmail}, {keptLanguage}, {expiresAt}, 0, {now})
            ON CONFLICT (id) DO NOTHING
            """, ct);
    }

    /// <summary>
    /// The link of a room. Thrown when unknown, so the message is retried: it may have overtaken the booking event
    /// that makes the room known, as sessions' own consumers expect.
    /// </summary>
    protected async Task<ResidentLink> RoomAsync(Guid roomId, ConsumeContext context) =>
        await Links.FirstOrDefaultAsync(l => l.Id == roomId && l.Kind == ResidentLink.Room, context.CancellationToken)
        ?? throw new InvalidOperationException($"No link yet for room {roomId}.");
}
