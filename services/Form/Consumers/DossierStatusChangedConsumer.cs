using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Model;
using Municipal.Form.Signing;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Form.Consumers;

/// <summary>
/// Mails the resident on every status change, in their language, with a status link. Links carry a fresh token
/// per mail (only its hash is kept), because a stored hash cannot be turned back into the first link. When
/// information is missing, the same token also opens the upload page: document intake learns it from
/// <see cref="DossierLinkIssued"/>.
/// The token is committed on its own before the mail leaves: the consumer's transaction ends only after the send,
/// and a link that arrives before its token exists would open nothing (a retry after a failed send makes a new one).
/// </summary>
public sealed class DossierStatusChangedConsumer(FormDb db, IServiceScopeFactory scopes, MailSender mail, FormCatalog catalog, CityClock clock, IConfiguration configuration)
    : Municipal.ServiceDefaults.Messaging.IdempotentConsumer<FormDb, DossierStatusChanged>(db)
{
    protected override async Task Handle(DossierStatusChanged message, ConsumeContext<DossierStatusChanged> context)
    {
        var ct = context.CancellationToken;
        var dossier = await Db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == message.DossierId, ct);
        if (dossier is null) return;

        var token = await IssueTokenAsync(dossier, ct);
        var language = dossier.Language;
        // The pages open in the mail's language (lang, beside the token in the fragment).
        var link = PublicLinks.To(configuration, $"/dossier.html#t={token}&lang={Languages.OrGerman(language)}");
        // Leichte Sprache (easy) says each thing in a short sentence of its own, one a line, and calls the dossier the application.
        string Say(string de, string en, string fr, string it, string easy) => Languages.Choose(language, de, en, fr, it, easy);
        var title = catalog.Find(dossier.DefinitionId)?.Title.For(language) ?? dossier.DefinitionId;
        var status = StatusText(message.ToStatus, language);
        var when = clock.Local(message.ChangedAt).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        var reference = dossier.Reference;

        var subject = Say($"Ihr Dossier {reference}: {status}", $"Your dossier {reference}: {status}",
            $"Votre dossier {reference} : {status}", $"Il vostro incarto {reference}: {status}", $"Neues zu Ihrem Antrag {reference}: {status}");
        // The applicant's name from the form, never a second line or a link in the mail.
        var name = MailText.PersonName(dossier.ApplicantName);
        var lines = new List<string>
        {
            name.Length > 0
                ? Say($"Guten Tag {name}", $"Hello {name},", $"Bonjour {name},", $"Buongiorno {name},", $"Guten Tag {name}")
                : Say("Guten Tag", "Hello,", "Bonjour,", "Buongiorno,", "Guten Tag"),
            "",
            Say($"Der Stand Ihres Dossiers {reference} ({title}) ist jetzt: {status} ({when}).",
                $"The status of your dossier {reference} ({title}) is now: {status} ({when}).",
                $"L’état de votre dossier {reference} ({title}) est désormais : {status} ({when}).",
                $"Lo stato del vostro incarto {reference} ({title}) è ora: {status} ({when}).",
                $"Es gibt Neues zu Ihrem Antrag.\nEs geht um: {title}.\nDie Nummer von Ihrem Antrag ist: {reference}.\n{EasyStatusSentence(message.ToStatus)}\nDas ist seit {when} Uhr so."),
        };
        if (message.Note is { Length: > 0 } note)
        {
            lines.AddRange(["", Say("Mitteilung der Verwaltung:", "Message from the city office:", "Communication de l’administration :", "Comunicazione dell’amministrazione:", "Diese Nachricht schickt Ihnen die Stadt:"), note]);
        }
        if (message.ToStatus == DossierStatus.NeedsInformation)
        {
            lines.AddRange(["", Say("Hier reichen Sie die fehlenden Unterlagen ein:", "Send us the missing documents here:",
                "Envoyez-nous les documents manquants ici :", "Inviateci qui i documenti mancanti:",
                "Uns fehlen noch Papiere von Ihnen.\nSie können die Papiere hier schicken:"), PublicLinks.To(configuration, $"/upload.html#t={token}&lang={Languages.OrGerman(language)}")]);
        }
        lines.AddRange(["", Say("Hier verfolgen Sie Ihr Dossier:", "Follow your dossier here:", "Suivez votre dossier ici :", "Seguite il vostro incarto qui:",
            "Hier sehen Sie immer, wie weit Ihr Antrag ist:"), link, "",
            Say("Bitte geben Sie diesen Link nicht weiter: Er öffnet Ihr Dossier ohne Passwort.",
                "Please keep this link to yourself: it opens your dossier without a password.",
                "Ne transmettez pas ce lien : il ouvre votre dossier sans mot de passe.",
                "Non inoltrate questo link: apre il vostro incarto senza password.",
                "Bitte geben Sie diesen Link nicht weiter.\nMit dem Link kann jeder Ihren Antrag sehen.\nDafür braucht man kein Passwort.")]);

        await mail.SendAsync(new OutgoingMail(dossier.Email, subject, string.Join("\n", lines), ToName: name.Length > 0 ? name : null,
            Language: Languages.OrGerman(language)), ct);
    }

    private async Task<string> IssueTokenAsync(Dossier dossier, CancellationToken ct)
    {
        var token = CapabilityToken.Create();
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<FormDb>();
        var link = new DossierToken { TokenHash = CapabilityToken.Hash(token), DossierId = dossier.Id, ExpiresAt = clock.Now + Submitter.StatusLinkLifetime };
        tokens.DossierTokens.Add(link);
        // Document intake learns the link from this event (the upload page opens with it).
        tokens.Publish(Submitter.LinkIssued(dossier, link, clock.Now));
        await tokens.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The status as the subject names it; Leichte Sprache in the dossier page's words.</summary>
    public static string StatusText(string status, string? language) => status switch
    {
        DossierStatus.Received => Languages.Choose(language, "eingegangen", "received", "reçu", "ricevuto", "Ist bei uns angekommen"),
        DossierStatus.InReview => Languages.Choose(language, "in Bearbeitung", "in review", "en cours de traitement", "in trattamento", "Wir bearbeiten ihn"),
        DossierStatus.NeedsInformation => Languages.Choose(language, "Angaben fehlen", "information needed", "informations manquantes", "dati mancanti", "Uns fehlt noch etwas"),
        DossierStatus.Completed => Languages.Choose(language, "abgeschlossen", "completed", "clos", "concluso", "Fertig"),
        DossierStatus.Rejected => Languages.Choose(language, "abgelehnt", "rejected", "refusé", "respinto", "Abgelehnt"),
        _ => status,
    };

    /// <summary>The status in Leichte Sprache as a sentence of its own, saying what it means for the resident.</summary>
    public static string EasyStatusSentence(string status) => status switch
    {
        DossierStatus.Received => "Ihr Antrag ist bei uns angekommen.\nWir schauen ihn bald an.",
        DossierStatus.InReview => "Wir bearbeiten jetzt Ihren Antrag.",
        DossierStatus.NeedsInformation => "Uns fehlt noch etwas von Ihnen.\nErst dann können wir weiter machen.",
        DossierStatus.Completed => "Ihr Antrag ist fertig.",
        DossierStatus.Rejected => "Wir haben Ihren Antrag abgelehnt.\nDas heisst: Sie bekommen nicht, was Sie beantragt haben.",
        _ => status,
    };
}
