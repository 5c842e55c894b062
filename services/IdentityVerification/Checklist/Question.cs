using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Checklist;

public sealed record Question(string Key, LocalizedText Text);
