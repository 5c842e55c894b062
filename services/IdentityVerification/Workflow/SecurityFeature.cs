using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Workflow;

/// <summary>A visible security feature the clerk can check over video, grouped by category.</summary>
public sealed record SecurityFeature(string Key, string Category, LocalizedText Label);
