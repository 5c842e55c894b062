namespace Municipal.Contracts.Identity;

public sealed record IdentityRejected(Guid VerificationId, Guid SessionId, string Reason, Guid ClerkId, DateTimeOffset RejectedAt);
