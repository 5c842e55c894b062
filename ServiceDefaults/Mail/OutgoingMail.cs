namespace Municipal.ServiceDefaults.Mail;

/// <summary>
/// One mail to one recipient. <paramref name="Language"/> is the language it is written in (one of
/// <see cref="Languages.All"/>): it picks the sender's name the resident reads in the inbox and is sent as the mail's
/// <c>Content-Language</c>, so a mail program or screen reader reads it in that language. Staff mails leave it out.
/// </summary>
public sealed record OutgoingMail(
    string To,
    string Subject,
    string Text,
    string? Html = null,
    IReadOnlyList<MailAttachment>? Attachments = null,
    string? ToName = null,
    string? Language = null);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
