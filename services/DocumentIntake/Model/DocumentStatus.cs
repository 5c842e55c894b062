namespace Municipal.DocumentIntake.Model;

/// <summary>Scan states. Only <see cref="Clean"/> content can ever be opened.</summary>
public static class DocumentStatus
{
    public const string PendingScan = "pending_scan";
    public const string Clean = "clean";
    public const string Quarantined = "quarantined";
    public const string Deleted = "deleted";
}
