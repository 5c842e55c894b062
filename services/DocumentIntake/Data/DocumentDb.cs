using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.ResidentLinks;

namespace Municipal.DocumentIntake.Data;

public sealed class DocumentDb(DbContextOptions<DocumentDb> options) : ServiceDbContext(options)
{
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<DepartmentInbox> DepartmentInboxes => Set<DepartmentInbox>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<KioskDevice> KioskDevices => Set<KioskDevice>();
    public DbSet<DocumentHandOn> DocumentHandOns => Set<DocumentHandOn>();

    /// <summary>The next kiosk receipt number from its sequence (never reused, even after a failed submission).</summary>
    public async Task<long> NextReceiptNumberAsync(CancellationToken ct) =>
        await Database.SqlQuery<long>($"SELECT nextval('kiosk_receipt_numbers') AS \"Value\"").SingleAsync(ct);

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Submission>(e => e.ToTable("submissions"));
        modelBuilder.Entity<Document>(e =>
        {
            e.ToTable("documents");
            e.HasOne(d => d.Submission).WithMany().HasForeignKey(d => d.SubmissionId);
            e.HasMany(d => d.HandOns).WithOne().HasForeignKey(h => h.DocumentId);
            e.Ignore(d => d.LastHandOn);
        });
        modelBuilder.Entity<DocumentHandOn>(e => e.ToTable("document_hand_ons"));
        modelBuilder.Entity<RoutingRule>(e => e.ToTable("routing_rules"));
        modelBuilder.Entity<KioskDevice>(e => e.ToTable("kiosk_devices"));
        modelBuilder.Entity<DepartmentInbox>(e =>
        {
            e.ToTable("department_inboxes");
            e.HasKey(d => d.DepartmentKey);
        });
        modelBuilder.Entity<StaffMember>(e =>
        {
            e.ToTable("staff_members");
            e.HasKey(s => s.StaffId);
        });
        ResidentLink.Map(modelBuilder);
    }
}
