using System.Net;
using System.Net.Http.Json;
using Municipal.Booking.Mail;
using Municipal.ServiceDefaults;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>Issue 17: the appointment mails in every language a resident can choose, Leichte Sprache included.</summary>
public class MailLanguageTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private static readonly DateTimeOffset TuesdayEight = new(2027, 3, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_language_has_every_text_of_the_appointment_mails()
    {
        Assert.Equal(Languages.All.Order(), AppointmentMailTexts.All.Keys.Order());
        foreach (var (language, texts) in AppointmentMailTexts.All)
        {
            foreach (var property in typeof(AppointmentMailTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name != nameof(AppointmentMailTexts.TimeSuffix)))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(texts)), $"{language}: {property.Name} is empty");
            }
        }
        // Leichte Sprache is its own text, not German copied over.
        Assert.NotEqual(AppointmentMailTexts.All[Languages.German].Confirmation, AppointmentMailTexts.All[Languages.EasyGerman].Confirmation);
    }

    /// <summary>
    /// A mail names the concern with the word the resident's pages use (the queue's and kiosk's "Démarche" and
    /// "Pratica"): until 2026-12-07 the mails and the booking pages said "Prestation" and "Servizio", so a resident of
    /// the live queue read "Démarche" on the page and "Prestation" in the mail (the phone walk of that day).
    /// </summary>
    [Theory]
    [InlineData("de", "Anliegen")]
    [InlineData("fr", "Démarche")]
    [InlineData("it", "Pratica")]
    [InlineData("en", "Concern")]
    public void The_mails_name_the_concern_as_the_pages_do(string language, string word)
    {
        Assert.Equal(word, AppointmentMailTexts.For(language).Concern);
        Assert.Equal(word, QueueTicketMailTexts.For(language).Concern);
    }

    [Fact]
    public void Every_language_has_every_text_of_the_queue_mail()
    {
        Assert.Equal(Languages.All.Order(), QueueTicketMailTexts.All.Keys.Order());
        foreach (var (language, texts) in QueueTicketMailTexts.All)
        {
            foreach (var property in typeof(QueueTicketMailTexts).GetProperties().Where(p => p.PropertyType == typeof(string)))
                Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(texts)), $"{language}: {property.Name} is empty");
            Assert.Contains("{until}", texts.Valid, StringComparison.Ordinal);
            Assert.Contains("{concern}", texts.Subject, StringComparison.Ordinal);
        }
        Assert.NotEqual(QueueTicketMailTexts.All[Languages.German].Waiting, QueueTicketMailTexts.All[Languages.EasyGerman].Waiting);
    }

    [Theory]
    [InlineData("fr", 0, "Confirmation de rendez-vous\u00a0: ", "mardi 2 mars 2027, 08:00–08:20", "Meilleures salutations", "Guichet numérique")]
    [InlineData("it", 1, "Conferma dell’appuntamento: ", "martedì 9 marzo 2027, 08:00–08:20", "Cordiali saluti", "Sportello digitale")]
    [InlineData("de-x-ls", 2, "Ihr Termin ist gebucht: ", "Dienstag, 16. März 2027, 08:00–08:20 Uhr", "Sie brauchen keine App.", "Digitaler Schalter")]
    public async Task A_booking_in_a_language_gets_its_confirmation_in_that_language(string language, int weeksLater, string subject, string when, string phrase, string sender)
    {
        var email = Mailbox.UniqueAddress();
        var response = await factory.CreateClient().Book("residence-registration", TuesdayEight.AddDays(7 * weeksLater), email, language);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var mail = (await Mailbox.WaitForAsync(email)).Single();
        Assert.StartsWith(subject, mail.Subject);
        Assert.Contains(when, mail.TextBody);
        Assert.Contains(phrase, mail.TextBody);
        Assert.Contains("METHOD:REQUEST", mail.Calendar());
        Assert.Equal(sender, mail.From.Mailboxes.Single().Name);
        Assert.Equal(language, mail.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task A_language_the_counter_does_not_speak_is_refused_naming_the_field()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/booking/appointments",
            new { concernKey = "move", start = TuesdayEight, name = "Erika Muster", email = Mailbox.UniqueAddress(), language = "es" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json()).GetProperty("errors");
        Assert.Contains("'fr'", errors.GetProperty("language")[0].GetString());
    }
}
