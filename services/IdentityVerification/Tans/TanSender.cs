using Municipal.ServiceDefaults.Mail;

namespace Municipal.IdentityVerification.Tans;

/// <summary>
/// Delivers a code by mail or SMS in the resident's language. Unlike other mail this is sent while the request
/// waits: a code is useless after five minutes, and passing it through the outbox would store it in clear.
/// </summary>
public sealed class TanSender(MailSender mail, ISmsProvider sms, IConfiguration configuration)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["City:TimeZone"] ?? "Europe/Zurich");

    public Task SendAsync(string channel, string recipient, string code, string purpose, string language, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var english = language == "en";
        var minutes = (int)TanRules.Lifetime.TotalMinutes;
        var until = TimeZoneInfo.ConvertTime(expiresAt, zone).ToString("HH:mm");
        if (channel == TanChannel.Sms)
        {
            var text = english
                ? $"Your signing code: {code}. Valid for {minutes} minutes, for \"{purpose}\" only. Never share it."
                : $"Ihr Signatur-Code: {code}. Gültig {minutes} Minuten, nur für „{purpose}“. Geben Sie ihn nie weiter.";
            return sms.SendAsync(recipient, text, cancellationToken);
        }

        var subject = english ? "Your signing code" : "Ihr Code zum Unterschreiben";
        var body = english
            ? $"Your one-time code to sign \"{purpose}\" is:\n\n    {code}\n\nIt is valid for {minutes} minutes (until {until}) and only for this document. The city will never ask you for it by phone.\nIf you did not request it, ignore this mail."
            : $"Ihr Einmal-Code zum Unterschreiben von „{purpose}“ lautet:\n\n    {code}\n\nEr ist {minutes} Minuten gültig (bis {until} Uhr) und nur für dieses Dokument. Die Stadt fragt Sie nie telefonisch danach.\nWenn Sie ihn nicht angefordert haben, ignorieren Sie diese Mail.";
        return mail.SendAsync(new OutgoingMail(recipient, subject, body), cancellationToken);
    }
}
