using Microsoft.Extensions.Configuration;
using Municipal.ServiceDefaults.Mail;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// French mails went out with ordinary spaces before their colons ("Numéro de quittance : K-…", "Confirmation de
/// rendez-vous : …"), so a mail reader could start a line with the colon. Every French mail now has no-break ones.
/// </summary>
public sealed class FrenchSpacingTests
{
    [Theory]
    [InlineData("Numéro de quittance : K-2026-000123", "Numéro de quittance\u00a0: K-2026-000123")]
    [InlineData("plus valable ; veuillez", "plus valable\u00a0; veuillez")]
    [InlineData("Une question ? Merci !", "Une question\u00a0? Merci\u00a0!")]
    [InlineData("pour « Annonce d’arrivée » est", "pour «\u00a0Annonce d’arrivée\u00a0» est")]
    [InlineData("déjà\u00a0: rien ne change", "déjà\u00a0: rien ne change")]
    [InlineData("Ouvrir :\nhttps://ville.example/manage.html?x=1#t=abc&lang=fr", "Ouvrir\u00a0:\nhttps://ville.example/manage.html?x=1#t=abc&lang=fr")]
    [InlineData("à 08:00 – 08:20", "à 08:00 – 08:20")]
    [InlineData(": en tête de ligne", ": en tête de ligne")]
    [InlineData("deux  espaces :", "deux  espaces\u00a0:")]
    public void Spaces_before_the_high_signs_and_inside_guillemets_do_not_break(string written, string sent) =>
        Assert.Equal(sent, FrenchSpacing.Apply(written));

    [Fact]
    public async Task A_french_mail_goes_out_with_no_break_spaces_and_a_german_one_as_written()
    {
        await using var sender = new MailSender(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:smtp"] = TestEnvironment.Smtp,
        }).Build());
        var (french, german) = (Mailbox.UniqueAddress(), Mailbox.UniqueAddress());
        await sender.SendAsync(new OutgoingMail(french, "Votre quittance : K-1", "Numéro de quittance : K-1\n", Language: "fr"), CancellationToken.None);
        await sender.SendAsync(new OutgoingMail(german, "Ihre Quittung : K-1", "Nummer : K-1\n", Language: "de"), CancellationToken.None);

        var sent = (await Mailbox.WaitForAsync(french)).Single();
        Assert.Equal("Votre quittance\u00a0: K-1", sent.Subject);
        Assert.Equal("Numéro de quittance\u00a0: K-1", sent.TextBody!.TrimEnd());
        var written = (await Mailbox.WaitForAsync(german)).Single();
        Assert.Equal(("Ihre Quittung : K-1", "Nummer : K-1"), (written.Subject, written.TextBody!.TrimEnd()));
    }
}
