using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Data;

public sealed class SessionDb(DbContextOptions<SessionDb> options) : ServiceDbContext(options)
{
    public DbSet<Room> Rooms => Set<Room>();

    public DbSet<RoomMessage> RoomMessages => Set<RoomMessage>();

    public DbSet<RoomInvite> RoomInvites => Set<RoomInvite>();

    public DbSet<KnownDepartment> KnownDepartments => Set<KnownDepartment>();

    public DbSet<ReplacedRoomToken> ReplacedRoomTokens => Set<ReplacedRoomToken>();

    /// <summary>Keeps a replaced link's hash (once; a message delivered again finds it there).</summary>
    public async Task RememberReplacedAsync(ReplacedRoomToken? replaced, CancellationToken ct)
    {
        if (replaced is not null && await ReplacedRoomTokens.FindAsync([replaced.TokenHash], ct) is null) ReplacedRoomTokens.Add(replaced);
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Room>(e =>
        {
            e.ToTable("rooms");
            e.Ignore(r => r.IsOpen);
            e.Property(r => r.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        });
        modelBuilder.Entity<RoomMessage>(e =>
        {
            e.ToTable("room_messages");
            e.Property(m => m.Id).ValueGeneratedOnAdd();
        });
        modelBuilder.Entity<RoomInvite>(e => e.ToTable("room_invites"));
        modelBuilder.Entity<KnownDepartment>(e =>
        {
            e.ToTable("known_departments");
            e.HasKey(d => d.Key);
        });
        modelBuilder.Entity<ReplacedRoomToken>(e =>
        {
            e.ToTable("replaced_room_tokens");
            e.HasKey(t => t.TokenHash);
        });
    }
}
