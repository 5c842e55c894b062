using Microsoft.EntityFrameworkCore;
using Municipal.Form.Model;
using Municipal.ServiceDefaults.Data;

namespace Municipal.Form.Data;

public sealed class FormDb(DbContextOptions<FormDb> options) : ServiceDbContext(options)
{
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<DraftField> DraftFields => Set<DraftField>();
    public DbSet<ResidentProfile> ResidentProfiles => Set<ResidentProfile>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierToken> DossierTokens => Set<DossierToken>();
    public DbSet<DossierHistoryEntry> DossierHistory => Set<DossierHistoryEntry>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Draft>(e =>
        {
            e.ToTable("drafts");
            e.Property(d => d.SignatureStrokes).HasColumnType("jsonb");
            e.HasMany(d => d.Fields).WithOne().HasForeignKey(f => f.DraftId);
        });
        modelBuilder.Entity<DraftField>(e =>
        {
            e.ToTable("draft_fields");
            e.HasKey(f => new { f.DraftId, f.Field });
            e.Property(f => f.Value).HasColumnType("jsonb");
        });
        modelBuilder.Entity<ResidentProfile>(e =>
        {
            e.ToTable("resident_profiles");
            e.HasKey(p => p.SessionId);
        });
        modelBuilder.Entity<Dossier>(e =>
        {
            e.ToTable("dossiers");
            e.Property(d => d.FieldValues).HasColumnType("jsonb");
            e.HasMany(d => d.History).WithOne().HasForeignKey(h => h.DossierId);
        });
        modelBuilder.Entity<DossierToken>(e =>
        {
            e.ToTable("dossier_tokens");
            e.HasKey(t => t.TokenHash);
            e.HasOne<Dossier>().WithMany().HasForeignKey(t => t.DossierId);
        });
        modelBuilder.Entity<DossierHistoryEntry>(e => e.ToTable("dossier_history"));
    }
}
