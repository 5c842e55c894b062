using System.Diagnostics;
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
/// </summary>
public sealed class MailSender(IConfiguration configuration)
{
    private readonly Uri endpoint = ParseEndpoint(configuration.GetConnectionString("smtp")
        ?? throw new InvalidOperationException("ConnectionStrings:smtp is not configured."));

    private readonly MailboxAddress from = MailboxAddress.Parse(configuration["Mail:From"] ?? "Digitaler Schalter <schalter@stadt.example>");

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // A span of its own, so a trace shows the mail leaving (and an SMTP failure) at the end of the flow that caused it.
        using var activity = Telemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", endpoint.Host);
        activity?.SetTag("server.port", endpoint.Port);
        try
        {
            await SendCoreAsync(mail, cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task SendCoreAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        message.Subject = mail.Subject;

        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        var security = endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(endpoint.Host, endpoint.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            var credentials = Uri.UnescapeDataString(endpoint.UserInfo).Split(':', 2);
            await client.AuthenticateAsync(credentials[0], credentials.ElementAtOrDefault(1) ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    private static Uri ParseEndpoint(string connectionString)
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
        return builder;
    }
}
