using System.Text.RegularExpressions;
using Municipal.IdentityVerification.Tans;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.ResidentLinks;

namespace Municipal.IdentityVerification.Apis;

/// <summary>
/// A signing code asked for. Staff and services name the purpose, channel and recipient; for a resident (the
/// consultation their link opens is given) the code goes by e-mail to the booking's address with a purpose the
/// server words, so the city's mail server never carries a resident's text to an address of their choosing.
/// </summary>
public sealed partial record IssueTanRequest(string? ContentSha256, string? Purpose, string? Recipient, string? Channel, string? Language)
{
    public const int MaxPurposeLength = 200;

    /// <summary>The channel asked for; e-mail when none is.</summary>
    public string ChosenChannel => Channel ?? TanChannel.Email;

    /// <summary>The content's hash as stored; null when it is not one.</summary>
    public string? Content => ContentHash.Normalize(ContentSha256);

    /// <summary>The language of the code's message: the one asked for, else the resident's booking's, else German.</summary>
    public string LanguageFor(ResidentLink? room) => Language ?? (room is null ? Languages.German : Languages.OrGerman(room.Language));

    /// <summary>What the code signs, as its message names it: the caller's words for staff, the server's for a resident.</summary>
    public string? PurposeFor(ResidentLink? room) => room is null
        ? Purpose?.Trim()
        : Languages.Choose(LanguageFor(room), "ein Dokument in Ihrem Termin", "a document in your consultation",
            "un document de votre entretien", "un documento del vostro colloquio", "ein Papier in Ihrem Termin");

    /// <summary>Where the code goes, normalised: the booking's address for a resident; null when there is none to use.</summary>
    public string? RecipientFor(ResidentLink? room) =>
        room is not null ? TanRecipient.Normalize(TanChannel.Email, room.Email)
        : ChosenChannel is TanChannel.Email or TanChannel.Sms ? TanRecipient.Normalize(ChosenChannel, Recipient)
        : null;

    /// <summary>
    /// A web address in any form a mail program turns into a link, a bare domain included ("stadt-schalter.com/tan",
    /// the third probe's phishing text): a purpose names a form ("Umzug innerhalb der Stadt"), never a place to go.
    /// </summary>
    private static bool HasLink(string text) =>
        text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)
        || text.Contains('<') || text.Contains('>') || text.Contains('@') || BareDomain().IsMatch(text);

    [GeneratedRegex(@"[\p{L}\p{N}-]{2,}\.[a-z]{2,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex BareDomain();

    /// <summary>The refused fields, each with its reason; <paramref name="room"/> is the resident's consultation, null for staff.</summary>
    public FieldErrors Validate(ResidentLink? room)
    {
        var errors = new FieldErrors();
        if (Content is null) errors["contentSha256"] = new Reason("content-hash", "The SHA-256 of the content to sign, as 64 hexadecimal characters.");
        var recipient = RecipientFor(room);
        if (room is not null)
        {
            if (ChosenChannel != TanChannel.Email) errors["channel"] = new Reason("email-channel-only", "The code goes to the e-mail address of your booking.");
            if (recipient is null) errors["recipient"] = new Reason("no-email-on-file", "There is no e-mail address on file for this consultation; ask the clerk.");
        }
        else
        {
            if (PurposeFor(room) is not { Length: > 0 and <= MaxPurposeLength })
            {
                errors["purpose"] = new Reason("purpose-length", $"Name what is signed, in at most {MaxPurposeLength} characters.").With("max", MaxPurposeLength);
            }
            // The code's mail is the city's: it carries no address to follow, so nobody can use it to send a resident
            // to a page that asks for the code (phishing in the city's name).
            else if (HasLink(PurposeFor(room)!))
            {
                errors["purpose"] = new Reason("purpose-link", "Name what is signed without a web address.");
            }
            if (ChosenChannel is not (TanChannel.Email or TanChannel.Sms)) errors["channel"] = new Reason("channel", "Choose \"email\" or \"sms\".");
            else if (recipient is null)
            {
                errors["recipient"] = ChosenChannel == TanChannel.Sms ? new Reason("mobile-number", "A mobile number in international form, e.g. +41 79 123 45 67.") : Reasons.Email;
            }
        }
        if (!Languages.IsKnown(LanguageFor(room))) errors["language"] = Reasons.Language;
        return errors;
    }
}
