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

    /// <summary>The consultation ended or was cancelled, or the dossier was decided: its link still reads, it creates nothing more.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The appointment's sequence as of the last move applied (0: as booked).</summary>
    public int Sequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const string Room = "room";
    public const string Dossier = "dossier";

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Maps the tables; a service keeping the projection calls it from its <c>ConfigureModel</c>.</summary>
    public static void Map(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ResidentLink>(e =>
        {
            e.ToTable("resident_links");
            e.HasIndex(l => l.TokenHash).IsUnique();
        });
        modelBuilder.Entity<ReplacedResidentLink>(e =>
        {
            e.ToTable("replaced_resident_links");
            e.HasKey(l => l.TokenHash);
        });
    }

    /// <summary>
    /// Gives the link a new token (a move, the links sent again) and remembers the old one as replaced, so it is
    /// refused at once as such rather than first answered "come back" like a link still on its way.
    /// </summary>
    public async Task ReplaceAsync(string tokenHash, DateTimeOffset expiresAt, DbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (tokenHash != TokenHash && await db.Set<ReplacedResidentLink>().FindAsync([TokenHash], ct) is null)
            db.Add(new ReplacedResidentLink { TokenHash = TokenHash, LinkId = Id, ReplacedAt = now, ExpiresAt = ExpiresAt });
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
    }
}

/// <summary>The hash of a link a newer one replaced, until the old link would have expired (<c>replaced_resident_links</c>).</summary>
public sealed class ReplacedResidentLink
{
    public required string TokenHash { get; set; }
    public Guid LinkId { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
