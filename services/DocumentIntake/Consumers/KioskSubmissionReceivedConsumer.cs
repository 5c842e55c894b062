using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>Mails the kiosk receipt to the address the resident gave, in the language they used at the kiosk.</summary>
public sealed class KioskSubmissionReceivedConsumer(DocumentDb db, MailSender mail) : IdempotentConsumer<DocumentDb, KioskSubmissionReceived>(db)
{
    protected override async Task Handle(KioskSubmissionReceived message, ConsumeContext<KioskSubmissionReceived> context)
    {
        var ct = context.CancellationToken;
        var submission = await Db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == message.SubmissionId, ct);
        if (submission?.Email is not { } email) return;
        var documents = await Db.Documents.AsNoTracking().Where(d => d.SubmissionId == submission.Id).OrderBy(d => d.ReceivedAt).ToListAsync(ct);
        var language = submission.Language;
        var pages = (int p) => p == 1
            ? Languages.Choose(language, " (1 Seite)", " (1 page)", " (1 page)", " (1 pagina)", " (1 Seite)")
            : Languages.Choose(language, $" ({p} Seiten)", $" ({p} pages)", $" ({p} pages)", $" ({p} pagine)", $" ({p} Seiten)");
        var lines = string.Join("\n", documents.Select(d => $"- {d.FileName}{(d.PageCount is { } p ? pages(p) : "")}: {StatusText(d.Status, language)}"));
        var receipt = message.ReceiptNumber;
        var subject = Languages.Choose(language, $"Ihre Quittung {receipt}", $"Your receipt {receipt}", $"Votre quittance {receipt}", $"La vostra ricevuta {receipt}",
            $"Ihre Quittung {receipt}: Wir haben Ihre Papiere");
        var text = Languages.Choose(language,
            $"Vielen Dank. Wir haben Ihre Dokumente am Scanner-Terminal erhalten.\n\nQuittungsnummer: {receipt}\n{lines}\n\nBitte geben Sie die Quittungsnummer an, wenn Sie uns zu diesen Dokumenten kontaktieren.\n",
            $"Thank you. We received your documents at the kiosk.\n\nReceipt number: {receipt}\n{lines}\n\nPlease quote the receipt number if you contact us about these documents.\n",
            $"Merci. Nous avons bien reçu vos documents au terminal de numérisation.\n\nNuméro de quittance : {receipt}\n{lines}\n\nVeuillez indiquer ce numéro si vous nous contactez au sujet de ces documents.\n",
            $"Grazie. Abbiamo ricevuto i vostri documenti al terminale di scansione.\n\nNumero della ricevuta: {receipt}\n{lines}\n\nVi preghiamo di indicare questo numero se ci contattate in merito a questi documenti.\n",
            $"Danke. Sie haben Papiere am Scanner im Rathaus abgegeben. Wir haben die Papiere bekommen.\n\nIhre Quittungs-Nummer ist: {receipt}\n{lines}\n\nSie haben eine Frage zu diesen Papieren? Dann sagen Sie uns bitte diese Nummer.\n");
        await mail.SendAsync(new OutgoingMail(email, subject, text, Language: Languages.OrGerman(language)), ct);
    }

    private static string StatusText(string status, string language) => status switch
    {
        DocumentStatus.Quarantined => Languages.Choose(language, "nicht angenommen (Schadsoftware gefunden)", "not accepted (malware found)",
            "non accepté (logiciel malveillant détecté)", "non accettato (rilevato software dannoso)",
            "nicht angenommen. In der Datei ist ein Computer-Virus."),
        DocumentStatus.PendingScan => Languages.Choose(language, "erhalten, Virenprüfung folgt", "received, virus check to follow",
            "reçu, contrôle antivirus en cours", "ricevuto, controllo antivirus in corso",
            "bekommen. Wir prüfen noch: Ist ein Computer-Virus in der Datei?"),
        _ => Languages.Choose(language, "erhalten", "received", "reçu", "ricevuto", "bekommen"),
    };
}
