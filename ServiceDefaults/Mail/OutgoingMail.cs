namespace Municipal.ServiceDefaults.Mail;

public sealed record OutgoingMail(
    string To,
    string Subject,
    string Text,
    string? Html = null,
    IReadOnlyList<MailAttachment>? Attachments = null,
    string? ToName = null);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
