using Microsoft.EntityFrameworkCore;
using Municipal.IdentityVerification.Model;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.ResidentLinks;

namespace Municipal.IdentityVerification.Data;

public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : ServiceDbContext(options)
{
    public DbSet<Verification> Verifications => Set<Verification>();

    public DbSet<VerificationStill> Stills => Set<VerificationStill>();

    public DbSet<Tan> Tans => Set<Tan>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Verification>(e =>
        {
            e.ToTable("verifications");
            e.Property(v => v.Status).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<VerificationStatus>(s, true));
            e.Property(v => v.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        });
        modelBuilder.Entity<VerificationStill>(e =>
        {
            e.ToTable("verification_stills");
            e.HasKey(s => s.VerificationId);
        });
        modelBuilder.Entity<Tan>(e => e.ToTable("tans"));
        ResidentLink.Map(modelBuilder);
    }
}
