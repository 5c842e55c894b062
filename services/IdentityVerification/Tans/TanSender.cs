using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.IdentityVerification.Tans;

/// <summary>
/// Delivers a code by mail or SMS in the resident's language. Unlike other mail this is sent while the request
/// waits: a code is useless after five minutes, and passing it through the outbox would store it in clear.
/// </summary>
public sealed class TanSender(MailSender mail, ISmsProvider sms, IConfiguration configuration)
{
    private readonly TimeZoneInfo zone = CityClock.Zone(configuration);

    public Task SendAsync(string channel, string recipient, string code, string purpose, string language, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var minutes = (int)TanRules.Lifetime.TotalMinutes;
        var until = TimeZoneInfo.ConvertTime(expiresAt, zone).ToString("HH:mm");
        if (channel == TanChannel.Sms)
        {
            var text = Languages.Choose(language,
                $"Ihr Signatur-Code: {code}. Gültig {minutes} Minuten, nur für „{purpose}“. Geben Sie ihn nie weiter.",
                $"Your signing code: {code}. Valid for {minutes} minutes, for \"{purpose}\" only. Never share it.",
                $"Votre code de signature : {code}. Valable {minutes} minutes, uniquement pour « {purpose} ». Ne le communiquez jamais.",
                $"Il vostro codice di firma: {code}. Valido {minutes} minuti, solo per «{purpose}». Non comunicatelo mai a nessuno.",
                $"Ihr Code zum Unterschreiben: {code}. Der Code gilt {minutes} Minuten. Er gilt nur für „{purpose}“. Sagen Sie den Code niemandem.");
            return sms.SendAsync(recipient, text, cancellationToken);
        }

        var subject = Languages.Choose(language, "Ihr Code zum Unterschreiben", "Your signing code", "Votre code de signature", "Il vostro codice di firma",
            "Ihr Code zum Unterschreiben");
        var body = Languages.Choose(language,
            $"Ihr Einmal-Code zum Unterschreiben von „{purpose}“ lautet:\n\n    {code}\n\nEr ist {minutes} Minuten gültig (bis {until} Uhr) und nur für dieses Dokument. Die Stadt fragt Sie nie telefonisch danach.\nWenn Sie ihn nicht angefordert haben, ignorieren Sie diese Mail.",
            $"Your one-time code to sign \"{purpose}\" is:\n\n    {code}\n\nIt is valid for {minutes} minutes (until {until}) and only for this document. The city will never ask you for it by phone.\nIf you did not request it, ignore this mail.",
            $"Votre code unique pour signer « {purpose} » est :\n\n    {code}\n\nIl est valable {minutes} minutes (jusqu’à {until}) et uniquement pour ce document. La Ville ne vous le demandera jamais par téléphone.\nSi vous ne l’avez pas demandé, ignorez ce message.",
            $"Il vostro codice monouso per firmare «{purpose}» è:\n\n    {code}\n\nÈ valido {minutes} minuti (fino alle {until}) e solo per questo documento. La Città non ve lo chiederà mai per telefono.\nSe non l’avete richiesto, ignorate questo messaggio.",
            $"Sie möchten ein Formular unterschreiben: „{purpose}“.\nDafür brauchen Sie diesen Code:\n\n    {code}\n\nSchreiben Sie den Code auf der Seite in das Feld „Code“.\nDer Code gilt {minutes} Minuten. Das heißt: bis {until} Uhr.\nDer Code gilt nur für dieses Formular.\nSagen Sie den Code niemandem. Auch nicht am Telefon. Die Stadt fragt Sie nie danach.\nSie wollten keinen Code? Dann müssen Sie nichts tun.");
        return mail.SendAsync(new OutgoingMail(recipient, subject, body, Language: Languages.OrGerman(language)), cancellationToken);
    }
}
