using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults.Data;

namespace Municipal.Booking.Data;

public sealed class BookingDb(DbContextOptions<BookingDb> options) : ServiceDbContext(options)
{
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<OpeningHour> OpeningHours => Set<OpeningHour>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<StaffSkill> StaffSkills => Set<StaffSkill>();
    public DbSet<StaffSync> StaffSync => Set<StaffSync>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<ResidentToken> ResidentTokens => Set<ResidentToken>();
    public DbSet<PendingMail> PendingMails => Set<PendingMail>();
    public DbSet<QueueTicket> QueueTickets => Set<QueueTicket>();
    public DbSet<PendingTicketMail> PendingTicketMails => Set<PendingTicketMail>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<Feedback> Feedback => Set<Feedback>();

    /// <summary>
    /// A pending mail's row is deleted by whoever gets to it first: the mail consumer once the mail has left, or a move,
    /// cancellation or link resend that replaces it. The one that comes second found its row gone, and the whole change
    /// failed as "changed by someone else" (a resident moving an appointment seconds after booking it, while the
    /// confirmation went out, got 409 `changed-meanwhile`). A row already gone is what deleting it wanted: it is let go
    /// and the rest is saved.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex) when (ex.Entries.Count > 0 && ex.Entries.All(e => e is { Entity: PendingMail, State: EntityState.Deleted }))
            {
                foreach (var entry in ex.Entries) entry.State = EntityState.Detached;
            }
        }
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Department>().HasKey(d => d.Key);
        modelBuilder.Entity<Concern>(e =>
        {
            e.HasKey(c => c.Key);
            e.Ignore(c => c.Duration);
            e.Ignore(c => c.Buffer);
        });
        modelBuilder.Entity<OpeningHour>(e =>
        {
            e.ToTable("opening_hours");
            e.Property(o => o.DayOfWeek).HasConversion<int>();
            // Sent as a time, not as an interval: an interval of a whole day would be cast to the time 00:00 (24:00 lost).
            e.Property(o => o.Closes).HasColumnType("time");
        });
        modelBuilder.Entity<StaffSkill>().HasKey(s => new { s.StaffId, s.ConcernKey });
        modelBuilder.Entity<StaffSync>(e => { e.ToTable("staff_sync"); e.HasKey(s => s.StaffId); });
        modelBuilder.Entity<ResidentToken>().HasKey(t => t.Hash);
        // Every change of an appointment (a move, a cancellation, new links) raises its sequence: a cancel and a move of the
        // same appointment at the same moment cannot both be saved (both had read it booked, and the resident got
        // "cancelled" and "moved" mails with a live join link); the second gets 409 and sees the first on its next try.
        modelBuilder.Entity<Appointment>().Property(a => a.Sequence).IsConcurrencyToken();
        modelBuilder.Entity<PendingMail>();
        modelBuilder.Entity<QueueTicket>();
        // The ticket's row goes in before its mail's (the key is also a reference to it, and EF orders the inserts by it).
        modelBuilder.Entity<PendingTicketMail>(e =>
        {
            e.HasKey(m => m.TicketId);
            e.HasOne<QueueTicket>().WithOne().HasForeignKey<PendingTicketMail>(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Consultation>().HasKey(c => c.SessionId);
        modelBuilder.Entity<Feedback>(e =>
        {
            e.ToTable("feedback");
            e.HasKey(f => f.SessionId);
        });
    }
}
