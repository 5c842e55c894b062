using Microsoft.EntityFrameworkCore;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// What a resident's link opens, as a service learnt it from the events (table <c>resident_links</c>, one per
/// service that keeps it): a consultation room (its id is the id of the appointment or ticket it was opened for) or a
/// dossier. Only the token's hash is kept. <see cref="Email"/> and <see cref="Language"/> only where the service
/// needs them (identity mails a resident's signing code to the booking's address).
/// </summary>
public sealed class ResidentLink
{
    /// <summary>The room's id for a room link (= appointment or ticket id); a fresh id for a dossier link.</summary>
    public Guid Id { get; set; }
    public required string TokenHash { get; set; }
    public required string Kind { get; set; }

    /// <summary>The consultation: the room itself, or the one a dossier was filled in.</summary>
    public Guid? SessionId { get; set; }
    public Guid? DossierId { get; set; }
    public required string DepartmentKey { get; set; }
    public required string ConcernKey { get; set; }
    public string? Email { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The consultation ended or was cancelled: its link still reads, it creates nothing more.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The appointment's sequence as of the last move applied (0: as booked).</summary>
    public int Sequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const string Room = "room";
    public const string Dossier = "dossier";

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Maps the table; a service keeping the projection calls it from its <c>ConfigureModel</c>.</summary>
    public static void Map(ModelBuilder modelBuilder) => modelBuilder.Entity<ResidentLink>(e =>
    {
        e.ToTable("resident_links");
        e.HasIndex(l => l.TokenHash).IsUnique();
    });
}
