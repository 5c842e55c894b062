using System.Globalization;
using System.Text;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Mail;

/// <summary>The resident's mails about an appointment, in German or English, each with its calendar file.</summary>
public sealed class AppointmentMails(IConfiguration configuration, TimeProvider time)
{
    private string PublicBase => (configuration["PublicBaseUrl"] ?? "http://127.0.0.1:8080").TrimEnd('/');

    public string JoinUrl(string joinToken) => $"{PublicBase}/room.html#t={joinToken}";

    public string ManageUrl(string manageToken) => $"{PublicBase}/manage.html#t={manageToken}";

    public OutgoingMail Compose(string kind, Appointment a, Concern concern, Department department, TimeZoneInfo zone, MailLinks? links)
    {
        var en = a.Language == "en";
        var culture = CultureInfo.GetCultureInfo(en ? "en-GB" : "de-CH");
        var local = TimeZoneInfo.ConvertTime(a.StartAt, zone);
        var localEnd = TimeZoneInfo.ConvertTime(a.EndAt, zone);
        var when = en
            ? $"{local.ToString("dddd, d MMMM yyyy", culture)}, {local:HH:mm}–{localEnd:HH:mm}"
            : $"{local.ToString("dddd, d. MMMM yyyy", culture)}, {local:HH:mm}–{localEnd:HH:mm} Uhr";
        var concernName = concern.Name(a.Language);
        var departmentName = en ? department.NameEn : department.NameDe;
        var cancelled = kind == AppointmentStatus.Cancelled;

        var subject = (kind, en) switch
        {
            (MailKinds.Confirmation, false) => $"Terminbestätigung: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Confirmation, true) => $"Appointment confirmed: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Rescheduled, false) => $"Termin verschoben: {concernName}, neu {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Rescheduled, true) => $"Appointment moved: {concernName}, now {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Reminder, false) => $"Erinnerung an Ihren Termin: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Reminder, true) => $"Reminder of your appointment: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Resent, false) => $"Ihre Links zum Termin: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (MailKinds.Resent, true) => $"Your appointment links: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (_, false) => $"Termin abgesagt: {concernName}, {local:dd.MM.yyyy HH:mm}",
            (_, true) => $"Appointment cancelled: {concernName}, {local:dd.MM.yyyy HH:mm}",
        };

        // The name as the resident typed it, but never a second line or a link (see MailText.PersonName).
        var name = MailText.PersonName(a.CitizenName);
        var text = new StringBuilder();
        text.AppendLine(en ? (name.Length > 0 ? $"Dear {name}," : "Hello,") : $"Guten Tag {name}".TrimEnd());
        text.AppendLine();
        text.AppendLine((kind, en) switch
        {
            (MailKinds.Confirmation, false) => "Ihr Termin am digitalen Schalter ist gebucht.",
            (MailKinds.Confirmation, true) => "Your appointment at the digital counter is booked.",
            (MailKinds.Rescheduled, false) => "Ihr Termin wurde verschoben. Der bisherige Link zum Gespräch gilt nicht mehr; bitte verwenden Sie den neuen unten.",
            (MailKinds.Rescheduled, true) => "Your appointment has been moved. The previous link to the meeting no longer works; please use the new one below.",
            (MailKinds.Reminder, false) => "Wir erinnern Sie an Ihren Termin am digitalen Schalter.",
            (MailKinds.Reminder, true) => "This is a reminder of your appointment at the digital counter.",
            (MailKinds.Resent, false) => "Sie haben die Links zu Ihrem Termin erneut angefordert. Die Links aus früheren Mails gelten nicht mehr; bitte verwenden Sie die neuen unten.",
            (MailKinds.Resent, true) => "You asked for the links to your appointment again. The links in earlier mails no longer work; please use the new ones below.",
            (_, false) => "Ihr Termin wurde abgesagt. Sie können jederzeit einen neuen Termin buchen.",
            (_, true) => "Your appointment has been cancelled. You can book a new one at any time.",
        });
        text.AppendLine();
        text.AppendLine($"{(en ? "Concern" : "Anliegen")}: {concernName} ({departmentName})");
        text.AppendLine($"{(en ? "When" : "Wann")}: {when}");

        if (!cancelled && links is not null)
        {
            text.AppendLine();
            text.AppendLine(en ? "Join the video consultation (no app needed, open the link a few minutes early):" : "Zum Video-Gespräch (ohne App, öffnen Sie den Link einige Minuten vorher):");
            text.AppendLine(JoinUrl(links.JoinToken));
            text.AppendLine();
            text.AppendLine(en ? "Cancel or move the appointment:" : "Termin absagen oder verschieben:");
            text.AppendLine(ManageUrl(links.ManageToken));
            var documents = concern.Documents(a.Language);
            if (documents.Count > 0)
            {
                text.AppendLine();
                text.AppendLine(en ? "Please have these documents ready:" : "Bitte halten Sie diese Unterlagen bereit:");
                foreach (var document in documents) text.AppendLine($"- {document}");
            }
            if (concern.NeedsIdentityCheck)
            {
                text.AppendLine();
                text.AppendLine(en
                    ? "You will show your identity card or passport to the camera, so please use a device with a camera."
                    : "Sie zeigen Ihren Ausweis oder Pass in die Kamera; bitte verwenden Sie ein Gerät mit Kamera.");
            }
        }
        text.AppendLine();
        text.AppendLine(en ? $"Kind regards\n{departmentName}" : $"Freundliche Grüsse\n{departmentName}");

        var ics = Ics.Build(new IcsEvent(a.Id, a.Sequence, cancelled, time.GetUtcNow(), a.StartAt, a.EndAt,
            $"{concernName} – {departmentName}",
            links is null ? concernName : $"{concernName}\n{JoinUrl(links.JoinToken)}",
            departmentName, department.MailboxEmail, name, a.Email,
            cancelled || links is null ? null : JoinUrl(links.JoinToken)));
        var method = cancelled ? "CANCEL" : "REQUEST";
        return new OutgoingMail(a.Email, subject, text.ToString(),
            Attachments: [new MailAttachment("termin.ics", $"text/calendar; method={method}; charset=utf-8", Encoding.UTF8.GetBytes(ics))],
            ToName: name.Length > 0 ? name : null);
    }
}

/// <summary>The resident's plain link tokens for one mail: joining the consultation and managing the appointment.</summary>
public sealed record MailLinks(string JoinToken, string ManageToken);
