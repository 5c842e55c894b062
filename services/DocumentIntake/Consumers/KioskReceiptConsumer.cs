using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>Mails the kiosk receipt to the address the resident gave, in the language they used at the kiosk.</summary>
public sealed class KioskReceiptConsumer(DocumentDb db, MailSender mail) : IdempotentConsumer<DocumentDb, KioskSubmissionReceived>(db)
{
    protected override async Task Handle(KioskSubmissionReceived message, ConsumeContext<KioskSubmissionReceived> context)
    {
        var ct = context.CancellationToken;
        var submission = await Db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == message.SubmissionId, ct);
        if (submission?.Email is not { } email) return;
        var documents = await Db.Documents.AsNoTracking().Where(d => d.SubmissionId == submission.Id).OrderBy(d => d.ReceivedAt).ToListAsync(ct);
        var english = submission.Language == "en";

        var lines = string.Join("\n", documents.Select(d => $"- {d.FileName}{(d.PageCount is { } p ? (english ? $" ({p} pages)" : $" ({p} Seiten)") : "")}: {StatusText(d.Status, english)}"));
        var (subject, text) = english
            ? ($"Your receipt {message.ReceiptNumber}", $"""
                Thank you. We received your documents at the kiosk.

                Receipt number: {message.ReceiptNumber}
                {lines}

                Please quote the receipt number if you contact us about these documents.
                """)
            : ($"Ihre Quittung {message.ReceiptNumber}", $"""
                Vielen Dank. Wir haben Ihre Dokumente am Scanner-Terminal erhalten.

                Quittungsnummer: {message.ReceiptNumber}
                {lines}

                Bitte geben Sie die Quittungsnummer an, wenn Sie uns zu diesen Dokumenten kontaktieren.
                """);
        await mail.SendAsync(new OutgoingMail(email, subject, text), ct);
    }

    private static string StatusText(string status, bool english) => (status, english) switch
    {
        (DocumentStatus.Quarantined, false) => "nicht angenommen (Schadsoftware gefunden)",
        (DocumentStatus.Quarantined, true) => "not accepted (malware found)",
        (DocumentStatus.PendingScan, false) => "erhalten, Virenprüfung folgt",
        (DocumentStatus.PendingScan, true) => "received, virus check to follow",
        (_, false) => "erhalten",
        _ => "received",
    };
}
