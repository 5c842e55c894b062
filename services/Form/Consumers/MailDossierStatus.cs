using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Model;
using Municipal.Form.Signing;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Form.Consumers;

/// <summary>
/// Mails the resident on every status change, in their language, with a status link. Links carry a fresh token
/// per mail (only its hash is kept), because a stored hash cannot be turned back into the first link. When
/// information is missing, the same token also opens the upload page: document intake accepts a dossier's token.
/// </summary>
public sealed class MailDossierStatus(FormDb db, MailSender mail, FormCatalog catalog, CityClock clock, IConfiguration configuration)
    : Municipal.ServiceDefaults.Messaging.IdempotentConsumer<FormDb, DossierStatusChanged>(db)
{
    protected override async Task Handle(DossierStatusChanged message, ConsumeContext<DossierStatusChanged> context)
    {
        var ct = context.CancellationToken;
        var dossier = await Db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == message.DossierId, ct);
        if (dossier is null) return;

        var token = CapabilityToken.Create();
        Db.DossierTokens.Add(new DossierToken { TokenHash = CapabilityToken.Hash(token), DossierId = dossier.Id, ExpiresAt = clock.Now + Submitter.StatusLinkLifetime });
        var baseUrl = (configuration["PublicBaseUrl"] ?? "").TrimEnd('/');
        var link = $"{baseUrl}/dossier.html#t={token}";
        var en = dossier.Language == "en";
        var title = catalog.Find(dossier.DefinitionId)?.Title.For(dossier.Language) ?? dossier.DefinitionId;
        var status = StatusText(message.ToStatus, en);
        var when = clock.Local(message.ChangedAt).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

        var subject = en ? $"Your dossier {dossier.Reference}: {status}" : $"Ihr Dossier {dossier.Reference}: {status}";
        // The applicant's name from the form, never a second line or a link in the mail.
        var name = MailText.PersonName(dossier.ApplicantName);
        var lines = new List<string>
        {
            en ? (name.Length > 0 ? $"Hello {name}," : "Hello,") : $"Guten Tag {name}".TrimEnd(),
            "",
            en ? $"The status of your dossier {dossier.Reference} ({title}) is now: {status} ({when})."
               : $"Der Stand Ihres Dossiers {dossier.Reference} ({title}) ist jetzt: {status} ({when}).",
        };
        if (message.Note is { Length: > 0 } note) lines.AddRange(["", en ? "Message from the city office:" : "Mitteilung der Verwaltung:", note]);
        if (message.ToStatus == DossierStatus.NeedsInformation)
        {
            lines.AddRange(["", en ? "Send us the missing documents here:" : "Hier reichen Sie die fehlenden Unterlagen ein:", $"{baseUrl}/upload.html#t={token}"]);
        }
        lines.AddRange(["", en ? "Follow your dossier here:" : "Hier verfolgen Sie Ihr Dossier:", link, "",
            en ? "Please keep this link to yourself: it opens your dossier without a password." : "Bitte geben Sie diesen Link nicht weiter: Er öffnet Ihr Dossier ohne Passwort."]);

        await mail.SendAsync(new OutgoingMail(dossier.Email, subject, string.Join("\n", lines), ToName: name.Length > 0 ? name : null), ct);
    }

    public static string StatusText(string status, bool en) => status switch
    {
        DossierStatus.Received => en ? "received" : "eingegangen",
        DossierStatus.InReview => en ? "in review" : "in Bearbeitung",
        DossierStatus.NeedsInformation => en ? "information needed" : "Angaben fehlen",
        DossierStatus.Completed => en ? "completed" : "abgeschlossen",
        DossierStatus.Rejected => en ? "rejected" : "abgelehnt",
        _ => status,
    };
}
