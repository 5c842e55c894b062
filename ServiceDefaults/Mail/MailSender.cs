using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace Municipal.ServiceDefaults.Mail;

/// <summary>
/// The one place the system sends mail: SMTP at <c>ConnectionStrings:smtp</c> (<c>smtp://host:port</c> or
/// Aspire's <c>Endpoint=smtp://host:port</c>), sender from <c>Mail:From</c>. Call it from a consumer so a
/// failed send is retried with the message, never lost.
/// <para>
/// The sender's address is <c>Mail:From</c>'s; its name is the one of the mail's language
/// (<c>Mail:FromNames:fr</c> and so on; without them <c>Mail:From</c>'s own name, or when that has none
/// <see cref="DefaultSenderNames"/>), so a resident reading Italian finds "Sportello digitale" in the inbox, not
/// "Digitaler Schalter". A mail without a language (to staff) keeps <c>Mail:From</c> as it is.
/// </para>
/// <para>
/// Connections are kept and used again (at most <c>Mail:KeptConnections</c>, default 4, each for
/// <c>Mail:KeepConnectionSeconds</c>, default 30, after its last mail): a new one per mail cost a TCP connect, the
/// greeting, EHLO (and with a relay of a city, TLS and a sign-in) on both ends for every mail (issue 18). A kept
/// connection the server has closed meanwhile is found at the next send, which goes out once more on a new one.
/// </para>
/// </summary>
public sealed class MailSender(IConfiguration configuration) : IAsyncDisposable
{
    private readonly Uri endpoint = ParseEndpoint(configuration.GetConnectionString("smtp")
        ?? throw new InvalidOperationException("ConnectionStrings:smtp is not configured."));

    private readonly MailboxAddress from = MailboxAddress.Parse(configuration["Mail:From"] ?? "Digitaler Schalter <schalter@stadt.example>");

    /// <summary>The sender's name in each language when <c>Mail:FromNames</c> names none.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultSenderNames = new Dictionary<string, string>
    {
        [Languages.German] = "Digitaler Schalter",
        [Languages.English] = "Digital counter",
        [Languages.French] = "Guichet numérique",
        [Languages.Italian] = "Sportello digitale",
        [Languages.EasyGerman] = "Digitaler Schalter",
    };

    // A city that named its sender in Mail:From ("Stadt Lugano <…>") keeps that name in every language it names no other for.
    private readonly Dictionary<string, string> senderNames = Languages.All.ToDictionary(
        language => language,
        language => configuration[$"Mail:FromNames:{language}"] is { Length: > 0 } name ? name
            : configuration["Mail:From"] is { Length: > 0 } configured && MailboxAddress.Parse(configured).Name is { Length: > 0 } own
                ? own
                : DefaultSenderNames[language]);

    private readonly int keptConnections = configuration.GetValue("Mail:KeptConnections", 4);

    private readonly TimeSpan keepConnection = TimeSpan.FromSeconds(configuration.GetValue("Mail:KeepConnectionSeconds", 30.0));

    // Oldest first: the newest is used again, the ones a quiet hour leaves idle age out from the front.
    private readonly List<(SmtpClient Client, long IdleSince)> idle = [];

    private bool disposed;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // A span of its own, so a trace shows the mail leaving (and an SMTP failure) at the end of the flow that caused it.
        using var activity = Telemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", endpoint.Host);
        activity?.SetTag("server.port", endpoint.Port);
        try
        {
            await SendCoreAsync(Compose(mail), activity, cancellationToken);
            Sent.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Sent.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }

    /// <summary>
    /// Every attempt to hand a mail to the SMTP server, by outcome (<c>sent</c>, <c>failed</c>): a failed attempt is
    /// retried with the message that asked for the mail, so "failed" rising while "sent" stays flat means mails wait.
    /// </summary>
    private static readonly Counter<long> Sent = Telemetry.Meter.CreateCounter<long>(
        "municipal.mails.sent", "{mail}", "Mails handed to the SMTP server, by outcome (sent, failed); failed ones are retried.");

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(SenderFor(mail.Language));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        var french = Languages.OrGerman(mail.Language) == Languages.French;
        message.Subject = french ? FrenchSpacing.Apply(mail.Subject) : mail.Subject;

        // Only the text: no mail has an HTML part, and one would need its tags left alone.
        var body = new BodyBuilder { TextBody = french ? FrenchSpacing.Apply(mail.Text) : mail.Text, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        // A Content-* header belongs to the body (MimeKit drops it from the message's own headers).
        if (Languages.IsKnown(mail.Language)) message.Body.Headers.Add(HeaderId.ContentLanguage, mail.Language!);
        return message;
    }

    /// <summary><c>Mail:From</c>'s address under the name of the mail's language; <c>Mail:From</c> itself for a mail without one.</summary>
    public MailboxAddress SenderFor(string? language) =>
        Languages.IsKnown(language) ? new MailboxAddress(senderNames[language!], from.Address) : from;

    private async Task SendCoreAsync(MimeMessage message, Activity? activity, CancellationToken cancellationToken)
    {
        if (TakeKept() is { } kept)
        {
            activity?.SetTag("smtp.connection", "kept");
            try
            {
                await kept.SendAsync(message, cancellationToken);
                Keep(kept);
                return;
            }
            catch (Exception ex) when (IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested)
            {
                // The server closed it while it was kept (its idle time-out, a restart): once more on a new connection.
                kept.Dispose();
                activity?.SetTag("smtp.connection", "kept, lost, new");
            }
            catch
            {
                kept.Dispose();
                throw;
            }
        }
        else
        {
            activity?.SetTag("smtp.connection", "new");
        }

        var client = await ConnectAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        Keep(client);
    }

    private static bool IsConnectionLost(Exception ex) =>
        ex is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException
        || ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            var security = endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await client.ConnectAsync(endpoint.Host, endpoint.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(endpoint.UserInfo))
            {
                var credentials = Uri.UnescapeDataString(endpoint.UserInfo).Split(':', 2);
                await client.AuthenticateAsync(credentials[0], credentials.ElementAtOrDefault(1) ?? "", cancellationToken);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A kept connection still open and not idle too long, or null; the ones past their time are closed.</summary>
    private SmtpClient? TakeKept()
    {
        List<SmtpClient> closing = [];
        SmtpClient? taken = null;
        lock (idle)
        {
            DropExpired(closing);
            while (taken is null && idle.Count > 0)
            {
                var newest = idle[^1].Client;
                idle.RemoveAt(idle.Count - 1);
                if (newest.IsConnected) taken = newest;
                else closing.Add(newest);
            }
        }
        closing.ForEach(client => client.Dispose());
        return taken;
    }

    private void Keep(SmtpClient client)
    {
        List<SmtpClient> closing = [];
        lock (idle)
        {
            DropExpired(closing);
            if (!disposed && client.IsConnected && idle.Count < keptConnections) idle.Add((client, Stopwatch.GetTimestamp()));
            else closing.Add(client);
        }
        closing.ForEach(c => c.Dispose());
    }

    /// <summary>Takes the connections idle past their time out of the kept ones (under the lock), to be closed.</summary>
    private void DropExpired(List<SmtpClient> closing)
    {
        while (idle.Count > 0 && Stopwatch.GetElapsedTime(idle[0].IdleSince) >= keepConnection)
        {
            closing.Add(idle[0].Client);
            idle.RemoveAt(0);
        }
    }

    /// <summary>Says goodbye (QUIT) on every kept connection when the service stops.</summary>
    public async ValueTask DisposeAsync()
    {
        List<SmtpClient> clients;
        lock (idle)
        {
            disposed = true;
            clients = idle.Select(entry => entry.Client).ToList();
            idle.Clear();
        }
        foreach (var client in clients)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(true, quit.Token);
            }
            catch (Exception)
            {
                // Closing anyway.
            }
            client.Dispose();
        }
    }

    /// <summary>The SMTP server a connection string names (<c>smtp://host:port</c> or <c>Endpoint=smtp://host:port</c>; port 25 if none).</summary>
    public static Uri ParseEndpoint(string connectionString)
    {
        var value = connectionString.StartsWith("Endpoint=", StringComparison.OrdinalIgnoreCase)
            ? connectionString["Endpoint=".Length..].Split(';')[0]
            : connectionString;
        var uri = new Uri(value);
        return uri.Port > 0 ? uri : new UriBuilder(uri) { Port = 25 }.Uri;
    }
}

public static class MailExtensions
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MailSender>();
        // The mail server down only delays mails (they wait in their messages' retries): degraded, not unhealthy.
        if (builder.Configuration.GetConnectionString("smtp") is { Length: > 0 } smtp)
        {
            var server = MailSender.ParseEndpoint(smtp);
            // Behind smtps the greeting comes only after TLS: there, that the port accepts is the answer.
            builder.Services.AddHealthChecks().AddServerProbe("smtp", server, send: "", expect: server.Scheme == "smtps" ? "" : "220");
        }
        return builder;
    }
}
