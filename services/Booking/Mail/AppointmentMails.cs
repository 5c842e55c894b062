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

    /// <summary>The room's link; it opens the page in the mail's language (<c>lang</c>, read beside the token in the fragment).</summary>
    public string JoinUrl(string joinToken, string language) => $"{PublicBase}/room.html#t={joinToken}&lang={Languages.OrGerman(language)}";

    public string ManageUrl(string manageToken, string language) => $"{PublicBase}/manage.html#t={manageToken}&lang={Languages.OrGerman(language)}";

    /// <summary>The calendar file's name in the mail's language.</summary>
    private static string CalendarFileName(string language) =>
        Languages.Choose(language, "termin.ics", "appointment.ics", "rendez-vous.ics", "appuntamento.ics", "termin.ics");

    /// <summary>The page to book the concern anew, in the mail's language.</summary>
    public string BookUrl(string concernKey, string language) => $"{PublicBase}/book.html?concern={Uri.EscapeDataString(concernKey)}#lang={Languages.OrGerman(language)}";

    /// <summary>
    /// "09:00–09:30"; on the night the clocks change, with each time's offset ("02:30 (UTC+02:00)–02:00 (UTC+01:00)"): the
    /// hour that comes twice read twice alike, and an end before its start (booking probe, 2026-12-06). The last time of
    /// a day open until midnight ends at "24:00", not at "00:00" (which reads as that day's start).
    /// </summary>
    public static string Clock(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) =>
        start.Offset != end.Offset || zone.IsAmbiguousTime(start) || zone.IsAmbiguousTime(end)
            ? $"{start:HH:mm} (UTC{start:zzz})–{End(start, end)} (UTC{end:zzz})"
            : $"{start:HH:mm}–{End(start, end)}";

    private static string End(DateTimeOffset start, DateTimeOffset end) =>
        end.TimeOfDay == TimeSpan.Zero && end.Date > start.Date ? "24:00" : end.ToString("HH:mm");

    /// <param name="closedBecause">For a cancellation by a closed day: the closure's reason in the resident's language.</param>
    public OutgoingMail Compose(string kind, Appointment a, Concern concern, Department department, TimeZoneInfo zone, MailLinks? links, string? closedBecause = null)
    {
        var words = AppointmentMailTexts.For(a.Language);
        var culture = Languages.Culture(a.Language);
        var local = TimeZoneInfo.ConvertTime(a.StartAt, zone);
        var localEnd = TimeZoneInfo.ConvertTime(a.EndAt, zone);
        var when = $"{local.ToString(words.DateFormat, culture)}, {Clock(local, localEnd, zone)}{words.TimeSuffix}";
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
            _ when closedBecause is not null => words.CancelledClosed.Replace("{department}", departmentName)
                .Replace("{reason}", MailText.PersonName(closedBecause)).Replace("{book}", BookUrl(concern.Key, a.Language)),
            _ => words.Cancelled,
        });
        text.AppendLine();
        // French sets a thin space before the colon, as the mail's other lines do.
        var colon = Languages.OrGerman(a.Language) == Languages.French ? "\u00a0:" : ":";
        text.AppendLine($"{words.Concern}{colon} {concernName} ({departmentName})");
        text.AppendLine($"{words.When}{colon} {when}");

        if (!cancelled && links is not null)
        {
            text.AppendLine();
            text.AppendLine(words.Join);
            text.AppendLine(JoinUrl(links.JoinToken, a.Language));
            text.AppendLine();
            text.AppendLine(words.Manage);
            text.AppendLine(ManageUrl(links.ManageToken, a.Language));
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
            links is null ? concernName : $"{concernName}\n{JoinUrl(links.JoinToken, a.Language)}",
            departmentName, department.MailboxEmail, name, a.Email,
            cancelled || links is null ? null : JoinUrl(links.JoinToken, a.Language)));
        var method = cancelled ? "CANCEL" : "REQUEST";
        return new OutgoingMail(a.Email, subject, text.ToString(),
            Attachments: [new MailAttachment(CalendarFileName(a.Language), $"text/calendar; method={method}; charset=utf-8", Encoding.UTF8.GetBytes(ics))],
            ToName: name.Length > 0 ? name : null, Language: Languages.OrGerman(a.Language));
    }
}

/// <summary>The resident's plain link tokens for one mail: joining the consultation and managing the appointment.</summary>
public sealed record MailLinks(string JoinToken, string ManageToken);
