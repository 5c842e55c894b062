using System.Globalization;
using System.Text;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Mail;

/// <summary>
/// The words of the mail to a resident waiting in the live queue, in one language. Every language of
/// <see cref="Languages.All"/> has a complete set (a test checks it). Placeholders: {name}, {concern}, {department}, {until} (the link's end, written as <see cref="UntilFormat"/> says).
/// </summary>
public sealed record QueueTicketMailTexts(string UntilFormat, string Subject, string Greeting, string Waiting, string Valid, string Concern, string Closing)
{
    public static readonly IReadOnlyDictionary<string, QueueTicketMailTexts> All = new Dictionary<string, QueueTicketMailTexts>
    {
        [Languages.German] = new(
            "d. MMMM yyyy, HH:mm 'Uhr'",
            "Ihr Platz in der Warteschlange: {concern}",
            "Guten Tag {name}",
            "Sie warten am digitalen Schalter auf ein Gespräch. Mit diesem Link kommen Sie an Ihren Platz zurück, auch wenn Sie die Seite geschlossen haben. Wenn Sie an der Reihe sind, öffnet er das Gespräch:",
            "Der Link gilt bis {until}. Möchten Sie nicht mehr warten, verlassen Sie die Warteschlange auf dieser Seite.",
            "Anliegen",
            "Freundliche Grüsse\n{department}"),
        [Languages.English] = new(
            "d MMMM yyyy, HH:mm",
            "Your place in the queue: {concern}",
            "Dear {name},",
            "You are waiting for a conversation at the digital counter. This link takes you back to your place, even if you closed the page. When it is your turn, it opens the conversation:",
            "The link works until {until}. If you no longer wish to wait, leave the queue on that page.",
            "Concern",
            "Kind regards\n{department}"),
        [Languages.French] = new(
            "d MMMM yyyy 'à' HH:mm",
            "Votre place dans la file d’attente\u00a0: {concern}",
            "Bonjour {name},",
            "Vous attendez un entretien au guichet numérique. Ce lien vous ramène à votre place, même si vous avez fermé la page. Quand votre tour arrive, il ouvre l’entretien\u00a0:",
            "Le lien est valable jusqu’au {until}. Si vous ne souhaitez plus attendre, quittez la file d’attente sur cette page.",
            "Démarche",
            "Meilleures salutations\n{department}"),
        [Languages.Italian] = new(
            "d MMMM yyyy 'alle' HH:mm",
            "Il vostro posto in coda: {concern}",
            "Buongiorno {name},",
            "State aspettando un colloquio allo sportello digitale. Questo link vi riporta al vostro posto, anche se avete chiuso la pagina. Quando è il vostro turno, apre il colloquio:",
            "Il link è valido fino al {until}. Se non volete più aspettare, lasciate la coda su quella pagina.",
            "Pratica",
            "Cordiali saluti\n{department}"),
        [Languages.EasyGerman] = new(
            "d. MMMM yyyy, HH:mm 'Uhr'",
            "Sie warten auf ein Gespräch: {concern}",
            "Guten Tag {name}",
            "Sie warten auf ein Gespräch beim digitalen Schalter.\nSie haben die Seite geschlossen?\nDann klicken Sie auf diesen Link.\nDann sind Sie wieder an Ihrem Platz.\nSind Sie dran?\nDann beginnt mit dem Link das Gespräch:",
            "Der Link geht bis {until}.\nSie möchten nicht mehr warten?\nDann klicken Sie auf der Seite auf: Nicht mehr warten.",
            "Darum geht es",
            "Freundliche Grüsse\n{department}"),
    };

    public static QueueTicketMailTexts For(string? language) => All[Languages.OrGerman(language)];
}

/// <summary>The mail with the link to a resident's place in the live queue (<see cref="Consumers.QueueTicketIssuedConsumer"/>).</summary>
public sealed class QueueTicketMails(IConfiguration configuration)
{
    private string PublicBase => PublicLinks.Base(configuration, fallback: "http://127.0.0.1:8080");

    /// <summary>The queue page, which follows the ticket into the room when it is the resident's turn, in the mail's language.</summary>
    public string PlaceUrl(string token, string language) => $"{PublicBase}/queue.html#t={token}&lang={Languages.OrGerman(language)}";

    public OutgoingMail Compose(QueueTicket ticket, string token, Concern concern, Department department, TimeZoneInfo zone, DateTimeOffset until)
    {
        var words = QueueTicketMailTexts.For(ticket.Language);
        var culture = Languages.Culture(ticket.Language);
        var concernName = concern.Name(ticket.Language);
        var departmentName = department.Name(ticket.Language);
        var name = MailText.PersonName(ticket.CitizenName);
        // "7. Dezember 2026, 00:30 Uhr": a ticket outlives the day it was taken on.
        var untilText = TimeZoneInfo.ConvertTime(until, zone).ToString(words.UntilFormat, culture);
        string Fill(string template) => template.Replace("{name}", name).Replace("{concern}", concernName)
            .Replace("{department}", departmentName).Replace("{until}", untilText);
        var colon = Languages.OrGerman(ticket.Language) == Languages.French ? "\u00a0:" : ":";

        var text = new StringBuilder();
        text.AppendLine(name.Length > 0 ? Fill(words.Greeting) : words.Greeting.Replace(" {name}", "").Replace("{name}", ""));
        text.AppendLine();
        text.AppendLine(Fill(words.Waiting));
        text.AppendLine(PlaceUrl(token, ticket.Language));
        text.AppendLine();
        text.AppendLine($"{words.Concern}{colon} {concernName} ({departmentName})");
        text.AppendLine();
        text.AppendLine(Fill(words.Valid));
        text.AppendLine();
        text.AppendLine(Fill(words.Closing));
        return new OutgoingMail(ticket.Email!, Fill(words.Subject), text.ToString(), ToName: name.Length > 0 ? name : null,
            Language: Languages.OrGerman(ticket.Language));
    }
}
