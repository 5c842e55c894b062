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
            $"ORGANIZER;CN={Quote(e.OrganizerName)}:mailto:{Address(e.OrganizerEmail)}",
            $"ATTENDEE;CN={Quote(e.AttendeeName)};ROLE=REQ-PARTICIPANT:mailto:{Address(e.AttendeeEmail)}",
            $"STATUS:{(e.Cancelled ? "CANCELLED" : "CONFIRMED")}",
        };
        if (e.Url is not null) lines.Add($"URL:{Address(e.Url)}");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var builder = new StringBuilder();
        foreach (var line in lines) builder.Append(Fold(line)).Append("\r\n");
        return builder.ToString();
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'");

    /// <summary>
    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every kind of line break as <c>\n</c>,
    /// other control characters left out, so a value can never end the line and start a property of its own.
    /// </summary>
    internal static string Escape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': result.Append("\\\\"); break;
                case ';': result.Append("\\;"); break;
                case ',': result.Append("\\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    result.Append("\\n");
                    break;
                case '\n': result.Append("\\n"); break;
                default:
                    if (!char.IsControl(c)) result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// A parameter value such as CN (RFC 5545 §3.1): always in double quotes, so ':' ';' and ',' stay inside it; a
    /// quoted string cannot hold a double quote or a control character, so those become a single quote or are left out.
    /// </summary>
    internal static string Quote(string value) =>
        "\"" + new string(value.Where(c => !char.IsControl(c)).Select(c => c == '"' ? '\'' : c).ToArray()) + "\"";

    /// <summary>An address or URI value: no control character (a line break would start a new property).</summary>
    private static string Address(string value) => new(value.Where(c => !char.IsControl(c)).ToArray());

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
