using System.Globalization;
using System.Text;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Booking.Mail;

/// <summary>The resident's mails about an appointment, in the resident's language (<see cref="AppointmentMailTexts"/>), each with its calendar file.</summary>
public sealed class AppointmentMails(IConfiguration configuration, TimeProvider time)
{
    private string PublicBase => PublicLinks.Base(configuration, fallback: "http://127.0.0.1:8080");

    public string JoinUrl(string joinToken) => $"{PublicBase}/room.html#t={joinToken}";

    public string ManageUrl(string manageToken) => $"{PublicBase}/manage.html#t={manageToken}";

    public OutgoingMail Compose(string kind, Appointment a, Concern concern, Department department, TimeZoneInfo zone, MailLinks? links)
    {
        var words = AppointmentMailTexts.For(a.Language);
        var culture = Languages.Culture(a.Language);
        var local = TimeZoneInfo.ConvertTime(a.StartAt, zone);
        var localEnd = TimeZoneInfo.ConvertTime(a.EndAt, zone);
        var when = $"{local.ToString(words.DateFormat, culture)}, {local:HH:mm}–{localEnd:HH:mm}{words.TimeSuffix}";
        var concernName = concern.Name(a.Language);
        var departmentName = department.Name(a.Language);
        var cancelled = kind == AppointmentStatus.Cancelled;
        // The name as the resident typed it, but never a second line or a link (see MailText.PersonName).
        var name = MailText.PersonName(a.CitizenName);
        string Fill(string template) => template.Replace("{name}", name).Replace("{concern}", concernName)
            .Replace("{when}", local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)).Replace("{department}", departmentName);

        var subject = Fill(kind switch
        {
            MailKinds.Confirmation => words.SubjectConfirmation,
            MailKinds.Rescheduled => words.SubjectRescheduled,
            MailKinds.Reminder => words.SubjectReminder,
            MailKinds.Resent => words.SubjectResent,
            _ => words.SubjectCancelled,
        });

        var text = new StringBuilder();
        text.AppendLine(name.Length > 0 ? Fill(words.Greeting) : words.Greeting.Replace(" {name}", "").Replace("{name}", ""));
        text.AppendLine();
        text.AppendLine(kind switch
        {
            MailKinds.Confirmation => words.Confirmation,
            MailKinds.Rescheduled => words.Rescheduled,
            MailKinds.Reminder => words.Reminder,
            MailKinds.Resent => words.Resent,
            _ => words.Cancelled,
        });
        text.AppendLine();
        text.AppendLine($"{words.Concern}: {concernName} ({departmentName})");
        text.AppendLine($"{words.When}: {when}");

        if (!cancelled && links is not null)
        {
            text.AppendLine();
            text.AppendLine(words.Join);
            text.AppendLine(JoinUrl(links.JoinToken));
            text.AppendLine();
            text.AppendLine(words.Manage);
            text.AppendLine(ManageUrl(links.ManageToken));
            var documents = concern.Documents(a.Language);
            if (documents.Count > 0)
            {
                text.AppendLine();
                text.AppendLine(words.Documents);
                foreach (var document in documents) text.AppendLine($"- {document}");
            }
            if (concern.NeedsIdentityCheck)
            {
                text.AppendLine();
                text.AppendLine(words.IdentityCheck);
            }
        }
        text.AppendLine();
        text.AppendLine(Fill(words.Closing));

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
