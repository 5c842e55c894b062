namespace Municipal.IdentityVerification.Workflow;

public sealed record LocalizedText(string De, string En);
