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
    }
}
