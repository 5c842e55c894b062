using Municipal.ServiceDefaults.Mail;

namespace Municipal.IdentityVerification.Tans;

/// <summary>
/// The development SMS provider: each SMS becomes a mail to <c>&lt;number&gt;@sms.dev.invalid</c> in the dev
/// mailbox (the .invalid domain can never reach a real recipient).
/// </summary>
public sealed class MailboxSmsProvider(MailSender mail) : ISmsProvider
{
    public const string Domain = "sms.dev.invalid";

    public static string AddressFor(string phoneNumber) => $"{phoneNumber}@{Domain}";

    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken) =>
        mail.SendAsync(new OutgoingMail(AddressFor(phoneNumber), $"SMS {phoneNumber}", text), cancellationToken);
}
