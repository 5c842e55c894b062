namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>What a resident's link opens as far as this service knows.</summary>
public enum LinkState
{
    /// <summary>A room still waiting or active, or a dossier.</summary>
    Open,

    /// <summary>The consultation ended or was cancelled: it still reads, it creates nothing.</summary>
    Closed,

    /// <summary>Not known yet, within the grace: answer 503 with Retry-After, the event may be on its way.</summary>
    Pending,

    /// <summary>A newer link replaced it (the appointment moved, its links were sent again): refused, saying so.</summary>
    Replaced,

    /// <summary>Malformed, expired, or unknown after the grace: refused like any link nobody issued.</summary>
    Unknown,
}
