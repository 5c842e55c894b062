namespace Municipal.Contracts.Documents;

/// <summary>A resident handed in documents at the kiosk and got a receipt number. The e-mail address stays in document intake.</summary>
public sealed record KioskSubmissionReceived(
    Guid SubmissionId,
    string ReceiptNumber,
    string? ConcernKey,
    int DocumentCount,
    bool ReceiptMailRequested,
    DateTimeOffset ReceivedAt);
