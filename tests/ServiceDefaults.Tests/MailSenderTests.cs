using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Configuration;
using Municipal.ServiceDefaults.Mail;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// The mail sender keeps its SMTP connections (issue 18): measured against the real SMTP sink behind a proxy that counts
/// the connections made and can drop them, as a relay closing an idle connection or restarting would.
/// </summary>
public sealed class MailSenderTests : IDisposable
{
    private readonly TcpProxy relay;

    public MailSenderTests()
    {
        var sink = MailSender.ParseEndpoint(TestEnvironment.Smtp);
        relay = new TcpProxy(sink.Host, sink.Port).Start();
    }

    public void Dispose() => relay.Dispose();

    private MailSender Sender(double keepSeconds = 30, int kept = 4, params (string Key, string Value)[] settings) => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:smtp"] = $"smtp://127.0.0.1:{relay.Port}",
        ["Mail:KeepConnectionSeconds"] = keepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:KeptConnections"] = kept.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build());

    private static OutgoingMail Mail(string to, int number) => new(to, $"Mail {number}", $"Text {number}", ToName: "Anna Muster");

    [Fact]
    public async Task Mails_one_after_another_go_out_on_one_connection()
    {
        await using var sender = Sender();
        var to = Mailbox.UniqueAddress();

        for (var i = 1; i <= 5; i++) await sender.SendAsync(Mail(to, i), CancellationToken.None);

        var mails = await Mailbox.WaitForAsync(to, 5, TimeSpan.FromSeconds(20));
        Assert.Equal(["Mail 1", "Mail 2", "Mail 3", "Mail 4", "Mail 5"], mails.Select(m => m.Subject).Order());
        Assert.Equal(1, relay.Accepted);
    }

    [Fact]
    public async Task A_kept_connection_the_relay_closed_is_replaced_and_the_mail_still_goes_out()
    {
        await using var sender = Sender();
        var to = Mailbox.UniqueAddress();
        await sender.SendAsync(Mail(to, 1), CancellationToken.None);

        // The relay restarts: the kept connection is gone, the sender does not know it yet.
        relay.Stop();
        relay.Start();
        await sender.SendAsync(Mail(to, 2), CancellationToken.None);
        await sender.SendAsync(Mail(to, 3), CancellationToken.None);

        var mails = await Mailbox.WaitForAsync(to, 3, TimeSpan.FromSeconds(20));
        Assert.Equal(["Mail 1", "Mail 2", "Mail 3"], mails.Select(m => m.Subject).Order());
        Assert.Equal(2, relay.Accepted);
    }

    [Fact]
    public async Task A_relay_that_stays_down_fails_the_send_so_the_message_is_retried()
    {
        await using var sender = Sender();
        var to = Mailbox.UniqueAddress();
        await sender.SendAsync(Mail(to, 1), CancellationToken.None);

        relay.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Mail(to, 2), CancellationToken.None));

        relay.Start();
        await sender.SendAsync(Mail(to, 2), CancellationToken.None);
        var mails = await Mailbox.WaitForAsync(to, 2, TimeSpan.FromSeconds(20));
        Assert.Equal(["Mail 1", "Mail 2"], mails.Select(m => m.Subject).Order());
    }

    [Fact]
    public async Task A_connection_idle_past_its_time_is_closed_and_a_new_one_made()
    {
        await using var sender = Sender(keepSeconds: 0.2);
        var to = Mailbox.UniqueAddress();

        await sender.SendAsync(Mail(to, 1), CancellationToken.None);
        await Task.Delay(400);
        await sender.SendAsync(Mail(to, 2), CancellationToken.None);

        await Mailbox.WaitForAsync(to, 2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, relay.Accepted);
    }

    [Fact]
    public async Task Mails_sent_at_once_each_go_out_and_no_more_connections_are_kept_than_allowed()
    {
        await using var sender = Sender(kept: 2);
        var to = Mailbox.UniqueAddress();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => sender.SendAsync(Mail(to, i), CancellationToken.None)));
        var opened = relay.Accepted;
        // Sent one by one afterwards, they use the (at most two) kept connections.
        for (var i = 9; i <= 12; i++) await sender.SendAsync(Mail(to, i), CancellationToken.None);

        var mails = await Mailbox.WaitForAsync(to, 12, TimeSpan.FromSeconds(20));
        Assert.Equal(12, mails.Count);
        Assert.InRange(opened, 1, 8);
        Assert.Equal(opened, relay.Accepted);
    }

    [Fact]
    public async Task Every_mail_handed_over_or_not_is_counted_by_its_outcome()
    {
        using var counted = new MetricCollector<long>(Telemetry.Meter, "municipal.mails.sent");
        await using var sender = Sender();
        await sender.SendAsync(Mail(Mailbox.UniqueAddress(), 1), CancellationToken.None);

        relay.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Mail(Mailbox.UniqueAddress(), 2), CancellationToken.None));

        var outcomes = counted.GetMeasurementSnapshot().Select(m => (string?)m.Tags["outcome"]).ToList();
        Assert.Equal(["sent", "failed"], outcomes);
    }

    [Theory]
    [InlineData("de", "Digitaler Schalter")]
    [InlineData("fr", "Guichet numérique")]
    [InlineData("it", "Sportello digitale")]
    [InlineData("en", "Digital counter")]
    [InlineData("de-x-ls", "Digitaler Schalter")]
    public async Task A_residents_mail_comes_from_the_counter_named_in_its_language_and_says_its_language(string language, string sender)
    {
        await using var mails = Sender();
        var to = Mailbox.UniqueAddress();
        await mails.SendAsync(Mail(to, 1) with { Language = language }, CancellationToken.None);

        var mail = Assert.Single(await Mailbox.WaitForAsync(to, 1, TimeSpan.FromSeconds(20)));
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal((sender, "schalter@stadt.example"), (from.Name, from.Address));
        Assert.Equal(language, mail.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task A_city_that_names_its_sender_keeps_its_name_unless_it_names_one_per_language_and_staff_mails_say_no_language()
    {
        await using var mails = Sender(settings: [("Mail:From", "Città di Lugano <sportello@lugano.example>"), ("Mail:FromNames:de", "Stadt Lugano")]);
        var to = Mailbox.UniqueAddress();
        await mails.SendAsync(Mail(to, 1) with { Language = "it" }, CancellationToken.None);
        await mails.SendAsync(Mail(to, 2) with { Language = "de" }, CancellationToken.None);
        await mails.SendAsync(Mail(to, 3), CancellationToken.None);

        var received = (await Mailbox.WaitForAsync(to, 3, TimeSpan.FromSeconds(20))).ToDictionary(m => m.Subject ?? "");
        Assert.Equal("Città di Lugano", received["Mail 1"].From.Mailboxes.Single().Name);
        Assert.Equal("Stadt Lugano", received["Mail 2"].From.Mailboxes.Single().Name);
        Assert.Equal("Città di Lugano", received["Mail 3"].From.Mailboxes.Single().Name);
        Assert.All(received.Values, m => Assert.Equal("sportello@lugano.example", m.From.Mailboxes.Single().Address));
        Assert.Null(received["Mail 3"].Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }
}
