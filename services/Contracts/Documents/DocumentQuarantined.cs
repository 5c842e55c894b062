namespace Municipal.Contracts.Documents;

public sealed record DocumentQuarantined(Guid DocumentId, Guid SubmissionId, string Channel, string Signature, DateTimeOffset QuarantinedAt);
