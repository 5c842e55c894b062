using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Municipal.Booking.Mail;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// A name is text the resident chooses and the city mails: it has no second line and no link, and in the calendar
/// file it is escaped and quoted per RFC 5545 so it can never add a property or a parameter of its own.
/// </summary>
public sealed partial class NameAndCalendarTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private static readonly DateTimeOffset TuesdayEight = new(2027, 3, 2, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Erika\r\nMuster")]
    [InlineData("Erika\nBcc: victim@example.org")]
    [InlineData("Erika\u0000Muster")]
    [InlineData("Erika\tMuster")]
    [InlineData("Erika Muster, confirm your bank login at https://evil.example/login")]
    [InlineData("Erika www.evil.example")]
    [InlineData("Erika evil-bank.com")]
    [InlineData("erika@evil.example")]
    public async Task A_name_with_a_line_break_a_control_character_or_a_link_is_refused_with_the_field_named(string name)
    {
        var email = Mailbox.UniqueAddress();
        var response = await factory.CreateClient().Book("residence-registration", TuesdayEight.AddDays(14), email, name: name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("name", out _));
        await Task.Delay(500);
        Assert.Empty(Mailbox.For(email));
    }

    [Fact]
    public async Task A_name_with_calendar_syntax_is_escaped_and_quoted_and_every_line_is_folded()
    {
        const string name = "Zoë Müller-Lüdenscheidt; Dr. rer. nat., c/o: Büro \"Süd\" \\ ROLE=CHAIR:mailto:x";
        var email = Mailbox.UniqueAddress();
        var response = await factory.CreateClient().Book("residence-registration", TuesdayEight, email, name: name);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var mail = (await Mailbox.WaitForAsync(email)).Single();
        var greeting = (mail.TextBody ?? "").Split('\n')[0].TrimEnd('\r');
        Assert.Equal($"Guten Tag {name}", greeting);

        // The mail sink stores the message with LF line ends; a raw CR inside a value would still show.
        var ics = mail.Calendar().Replace("\r\n", "\n").Replace("\n", "\r\n");
        var properties = Parse(ics);
        var attendee = properties.Single(p => p.Name == "ATTENDEE");
        Assert.Equal(name.Replace('"', '\''), attendee.Parameters["CN"]);
        Assert.Equal("REQ-PARTICIPANT", attendee.Parameters["ROLE"]);
        Assert.Equal($"mailto:{email}", attendee.Value);
        Assert.Single(properties, p => p.Name == "ORGANIZER");
    }

    [Fact]
    public void Text_values_escape_backslash_comma_semicolon_and_every_line_break_and_carry_no_raw_CR()
    {
        var summary = "Umzug; Meldung, \\ Teil 2\rzweite Zeile\r\ndritte\nvierte \u0007Ende " + new string('ä', 60);
        var ics = Ics.Build(new IcsEvent(Guid.NewGuid(), 0, false, TuesdayEight, TuesdayEight, TuesdayEight.AddMinutes(20),
            summary, "Beschreibung:\r\nhttps://example.org/room.html#t=abc", "Einwohneramt; Stadt", "einwohneramt@example.org",
            "Erika: Muster;CN=Evil", "erika@example.org", "https://example.org/room.html#t=abc"));

        var properties = Parse(ics);
        Assert.Equal("Umzug; Meldung, \\ Teil 2\nzweite Zeile\ndritte\nvierte Ende " + new string('ä', 60), Unescape(properties.Single(p => p.Name == "SUMMARY").Value));
        Assert.Equal("Erika: Muster;CN=Evil", properties.Single(p => p.Name == "ATTENDEE").Parameters["CN"]);
        Assert.Equal("Einwohneramt; Stadt", properties.Single(p => p.Name == "ORGANIZER").Parameters["CN"]);
        Assert.Equal("mailto:erika@example.org", properties.Single(p => p.Name == "ATTENDEE").Value);
    }

    /// <summary>
    /// Reads an iCalendar file as RFC 5545 §3.1 says: lines end in CRLF (no other CR or LF), are at most 75 octets, and
    /// a line starting with a space continues the one before; a content line is name, parameters (quoted or not) and value.
    /// </summary>
    private static List<Property> Parse(string ics)
    {
        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotMatch(BareLineBreak(), ics);
        var physical = ics[..^2].Split("\r\n");
        Assert.All(physical, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Longer than 75 octets: {line}"));
        var unfolded = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ') || line.StartsWith('\t')) unfolded[^1] += line[1..];
            else unfolded.Add(line);
        }
        return unfolded.Select(ContentLine).ToList();
    }

    private static Property ContentLine(string line)
    {
        var parameters = new Dictionary<string, string>();
        var i = 0;
        string Token()
        {
            var start = i;
            while (i < line.Length && line[i] is not (';' or ':' or '=' or ',')) i++;
            return line[start..i];
        }
        var name = Token();
        while (i < line.Length && line[i] == ';')
        {
            i++;
            var key = Token();
            Assert.Equal('=', line[i++]);
            string value;
            if (line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                value = line[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                value = Token();
            }
            parameters[key] = value;
        }
        Assert.True(i < line.Length && line[i] == ':', $"No value in: {line}");
        return new Property(name, parameters, line[(i + 1)..]);
    }

    private static string Unescape(string text) => EscapedCharacter().Replace(text, m => m.Value[1] is 'n' or 'N' ? "\n" : m.Value[1].ToString());

    private sealed record Property(string Name, Dictionary<string, string> Parameters, string Value);

    [GeneratedRegex(@"\r(?!\n)|(?<!\r)\n")]
    private static partial Regex BareLineBreak();

    [GeneratedRegex(@"\\[\\;,nN]")]
    private static partial Regex EscapedCharacter();
}
