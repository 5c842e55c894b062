using System.Text;

namespace Municipal.Booking.Mail;

/// <summary>
/// An iCalendar (RFC 5545) invitation for one appointment. The UID stays the same for the appointment's whole
/// life and SEQUENCE rises with each change, so a calendar replaces the entry on a rebooking and removes
/// it on METHOD:CANCEL instead of adding a second one.
/// </summary>
public static class Ics
{
    public static string Uid(Guid appointmentId) => $"{appointmentId:N}@booking.digital-counter";

    public static string Build(IcsEvent e)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Municipal Digital Counter//Booking//EN",
            "CALSCALE:GREGORIAN",
            $"METHOD:{(e.Cancelled ? "CANCEL" : "REQUEST")}",
            "BEGIN:VEVENT",
            $"UID:{Uid(e.AppointmentId)}",
            $"SEQUENCE:{e.Sequence}",
            $"DTSTAMP:{Utc(e.Stamp)}",
            $"DTSTART:{Utc(e.Start)}",
            $"DTEND:{Utc(e.End)}",
            $"SUMMARY:{Escape(e.Summary)}",
            $"DESCRIPTION:{Escape(e.Description)}",
            $"ORGANIZER;CN={Escape(e.OrganizerName)}:mailto:{e.OrganizerEmail}",
            $"ATTENDEE;CN={Escape(e.AttendeeName)};ROLE=REQ-PARTICIPANT:mailto:{e.AttendeeEmail}",
            $"STATUS:{(e.Cancelled ? "CANCELLED" : "CONFIRMED")}",
        };
        if (e.Url is not null) lines.Add($"URL:{e.Url}");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var builder = new StringBuilder();
        foreach (var line in lines) builder.Append(Fold(line)).Append("\r\n");
        return builder.ToString();
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'");

    private static string Escape(string value) => value
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1).</summary>
    private static string Fold(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length <= 75) return line;
        var result = new StringBuilder();
        var current = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (current + size > limit)
            {
                result.Append("\r\n ");
                current = 0;
                limit = 74;
            }
            result.Append(rune.ToString());
            current += size;
        }
        return result.ToString();
    }
}

public sealed record IcsEvent(
    Guid AppointmentId,
    int Sequence,
    bool Cancelled,
    DateTimeOffset Stamp,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Summary,
    string Description,
    string OrganizerName,
    string OrganizerEmail,
    string AttendeeName,
    string AttendeeEmail,
    string? Url);
