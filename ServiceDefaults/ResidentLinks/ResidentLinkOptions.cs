namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>How a service keeps its residents' links (section <c>ResidentLinks</c>).</summary>
public sealed class ResidentLinkOptions
{
    public const string Section = "ResidentLinks";

    /// <summary>Keep the booking's e-mail address and language (identity needs them for a resident's code; documents does not).</summary>
    public bool KeepContact { get; set; }

    /// <summary>
    /// How long a well-formed link nobody told us about yet is answered "come back" (503, Retry-After) rather than
    /// refused, counted from the first time this instance saw it: the event that makes it known may still be on its
    /// way (a link used in the second after booking). The pages retry a 503 for 30 s.
    /// </summary>
    public int GraceSeconds { get; set; } = 20;

    /// <summary>How long an expired link is kept (answered "expired" at once) before the clean-up removes it.</summary>
    public int KeepExpiredDays { get; set; } = 7;
}
