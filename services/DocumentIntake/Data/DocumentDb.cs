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
    public DbSet<RefusedUpload> RefusedUploads => Set<RefusedUpload>();
    public DbSet<ConcernName> ConcernNames => Set<ConcernName>();

    /// <summary>The next kiosk receipt number from its sequence (never reused, even after a failed submission).</summary>
    public async Task<long> NextReceiptNumberAsync(CancellationToken ct) =>
        await Database.SqlQuery<long>($"SELECT nextval('kiosk_receipt_numbers') AS \"Value\"").SingleAsync(ct);

    /// <summary>
    /// Charges a refused upload to its link or kiosk, written at once and apart from whatever this unit of work holds (a
    /// submission whose commit failed must not be tried again with it).
    /// </summary>
    public async Task ChargeRefusedUploadAsync((Guid Id, string TokenHash)? link, Guid? kioskDeviceId, long bytes, DateTimeOffset at, CancellationToken ct) =>
        await Database.ExecuteSqlAsync($"""
            INSERT INTO refused_uploads (id, resident_link_id, resident_token_hash, kiosk_device_id, bytes, created_at)
            VALUES ({Guid.CreateVersion7()}, {link?.Id}, {link?.TokenHash}, {kioskDeviceId}, {bytes}, {at})
            """, ct);

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
        modelBuilder.Entity<RefusedUpload>(e => e.ToTable("refused_uploads"));
        modelBuilder.Entity<RoutingRule>(e => e.ToTable("routing_rules"));
        modelBuilder.Entity<KioskDevice>(e => e.ToTable("kiosk_devices"));
        modelBuilder.Entity<ConcernName>(e =>
        {
            e.ToTable("concern_names");
            e.HasKey(c => c.ConcernKey);
        });
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
