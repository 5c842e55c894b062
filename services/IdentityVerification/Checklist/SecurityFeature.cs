using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Checklist;

/// <summary>A visible security feature the clerk can check over video, grouped by category.</summary>
public sealed record SecurityFeature(string Key, string Category, LocalizedText Label);
