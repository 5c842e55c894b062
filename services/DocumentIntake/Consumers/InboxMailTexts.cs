using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>
/// What a department's mailbox is told, in its staff's language (the department's own, else the city's,
/// <see cref="CityLanguage.Staff(Microsoft.Extensions.Configuration.IConfiguration, string?)"/>: Lugano's in Italian;
/// German until 2026-12-07 in every city), with the inbox page's words for the ways a document comes in.
/// French puts a no-break space before its colons.
/// </summary>
public sealed record InboxMailTexts(
    string ReceivedSubject, string Received, string HandedOnSubject, string HandedOn, string Reason,
    string File, string Way, string Concern, string Receipt, string Open, string NotAttached, string Bytes,
    string Kiosk, string Upload, string Session, string Forms)
{
    private static readonly Dictionary<string, InboxMailTexts> All = new()
    {
        [Languages.German] = new(
            "Neues Dokument im Posteingang {0}", "Im Posteingang {0} ist ein neues Dokument eingegangen.",
            "Dokument weitergegeben von {0} an {1}", "{0} hat ein Dokument an den Posteingang {1} weitergegeben.", "Grund: ",
            "Datei: ", "Weg: ", "Anliegen: ", "Quittung: ", "Öffnen: ", "Das Dokument selbst wird nicht per E-Mail versandt.", "Bytes",
            "Scanner-Terminal", "Upload-Link", "Beratung", "Formular"),
        [Languages.French] = new(
            "Nouveau document dans la boîte de réception {0}", "Un nouveau document est arrivé dans la boîte de réception {0}.",
            "Document transmis par {0} à {1}", "{0} a transmis un document à la boîte de réception {1}.", "Motif\u00a0: ",
            "Fichier\u00a0: ", "Provenance\u00a0: ", "Démarche\u00a0: ", "Quittance\u00a0: ", "Ouvrir\u00a0: ",
            "Le document lui-même n'est pas envoyé par e-mail.", "octets",
            "Terminal de numérisation", "Lien de téléversement", "Entretien", "Formulaire"),
        [Languages.Italian] = new(
            "Nuovo documento nella posta in arrivo {0}", "Nella posta in arrivo {0} è arrivato un nuovo documento.",
            "Documento inoltrato da {0} a {1}", "{0} ha inoltrato un documento alla posta in arrivo {1}.", "Motivo: ",
            "File: ", "Provenienza: ", "Richiesta: ", "Ricevuta: ", "Aprire: ", "Il documento stesso non viene inviato per e-mail.", "byte",
            "Terminale di scansione", "Link di caricamento", "Colloquio", "Modulo"),
        [Languages.English] = new(
            "New document in the inbox {0}", "A new document has arrived in the inbox {0}.",
            "Document handed on from {0} to {1}", "{0} handed a document on to the inbox {1}.", "Reason: ",
            "File: ", "Way: ", "Concern: ", "Receipt: ", "Open: ", "The document itself is not sent by e-mail.", "bytes",
            "Scanner kiosk", "Upload link", "Consultation", "Form"),
    };

    public static InboxMailTexts In(string language) => All.GetValueOrDefault(language) ?? All[Languages.German];

    /// <summary>A file's size as a reader of the language writes it: "12.345 Bytes", "12 345 octets", "12,345 bytes".</summary>
    public string Size(string language, long length) => string.Format(Languages.Culture(language), "{0:N0} {1}", length, Bytes);

    /// <summary>The way a document came, in the inbox page's words.</summary>
    public string Channel(string channel) => channel switch
    {
        Channels.Kiosk => Kiosk,
        Channels.Upload => Upload,
        Channels.Session => Session,
        Channels.Forms => Forms,
        _ => channel,
    };
}
