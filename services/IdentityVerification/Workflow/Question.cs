using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Workflow;

public sealed record Question(string Key, LocalizedText Text);
