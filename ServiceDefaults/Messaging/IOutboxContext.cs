using Microsoft.EntityFrameworkCore;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>
/// A DbContext holding the outbox: every <see cref="Data.ServiceDbContext"/>, and the gateway's Identity context,
/// which cannot derive from it. Its events leave through <see cref="OutboxRelay{TContext}"/>.
/// </summary>
public interface IOutboxContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }

    /// <summary>The outbox and inbox tables (created by ServiceDefaults' own migration in every database).</summary>
    public static void Map(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Body).HasColumnType("jsonb");
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(m => new { m.MessageId, m.Consumer });
        });
    }
}
