namespace Municipal.IdentityVerification.Retention;

/// <summary>Bound from the <c>Identity</c> section.</summary>
public sealed class RetentionOptions
{
    /// <summary>Days a consented still of the document is kept before the job deletes it.</summary>
    public int StillRetentionDays { get; set; } = 30;

    /// <summary>Hours after which the names read from an MRZ of an undecided verification are cleared.</summary>
    public int PendingDataHours { get; set; } = 24;

    /// <summary>How often the job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
