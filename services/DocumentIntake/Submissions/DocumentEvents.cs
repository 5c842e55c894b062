using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Scanning;
using Municipal.DocumentIntake.Telemetry;

namespace Municipal.DocumentIntake.Submissions;

/// <summary>Applies a scan result to a document and records the event in the same unit of work (the outbox relays it).</summary>
public static class DocumentEvents
{
    public static void ApplyScan(DocumentDb db, Document document, Submission submission, ScanResult result, DateTimeOffset now, DocumentMetrics metrics)
    {
        switch (result.Outcome)
        {
            case ScanOutcome.Clean:
                document.Status = DocumentStatus.Clean;
                document.ScannedAt = now;
                document.NextScanAt = null;
                db.Publish(new DocumentReceived(document.Id, submission.Id, submission.Channel, document.ConcernKey, document.DepartmentKey,
                    document.ContentType, document.Length, document.Sha256, submission.SessionId, submission.DossierId, now));
                break;
            case ScanOutcome.Infected:
                document.Status = DocumentStatus.Quarantined;
                document.Signature = result.Signature;
                document.ScannedAt = now;
                document.NextScanAt = null;
                db.Publish(new DocumentQuarantined(document.Id, submission.Id, submission.Channel, result.Signature ?? "unknown", now));
                metrics.Quarantined(submission.Channel);
                break;
            default:
                document.Status = DocumentStatus.PendingScan;
                document.NextScanAt ??= now;
                break;
        }
    }
}
