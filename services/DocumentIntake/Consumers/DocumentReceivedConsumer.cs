using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults;
using Municipal.DocumentIntake.Model;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>
/// Tells the department's central mailbox that a document arrived, with a link to the inbox. The file itself never
/// travels by mail: it may be opened only by signed-in staff of the department. Written in German, subject and all (it
/// mixed German and English line by line): the service knows no department's staff language, and German is the city's first.
/// </summary>
public sealed class DocumentReceivedConsumer(DocumentDb db, MailSender mail, IConfiguration configuration)
    : IdempotentConsumer<DocumentDb, DocumentReceived>(db)
{
    protected override async Task Handle(DocumentReceived message, ConsumeContext<DocumentReceived> context)
    {
        var ct = context.CancellationToken;
        var inbox = await Db.DepartmentInboxes.AsNoTracking().SingleOrDefaultAsync(i => i.DepartmentKey == message.DepartmentKey, ct);
        var document = await Db.Documents.AsNoTracking().Include(d => d.Submission).SingleOrDefaultAsync(d => d.Id == message.DocumentId, ct);
        if (inbox is null || document is null) return;

        var link = PublicLinks.To(configuration, $"/agent/inbox.html#document={message.DocumentId}");
        var receipt = document.Submission?.ReceiptNumber is { } number ? $"\nQuittung: {number}" : "";
        var text = $"""
            Im Posteingang {inbox.NameDe} ist ein neues Dokument eingegangen.

            Datei: {document.FileName} ({document.ContentType}, {Size(document.Length)})
            Weg: {Channel(message.Channel)}
            Anliegen: {message.ConcernKey ?? "–"}{receipt}

            Öffnen: {link}

            Das Dokument selbst wird nicht per E-Mail versandt.
            """;
        await mail.SendAsync(new OutgoingMail(inbox.Mailbox, $"Neues Dokument im Posteingang {inbox.NameDe} [{message.DocumentId}]", text,
            ToName: inbox.NameDe, Language: Languages.German), ct);
    }

    /// <summary>A file's size as a German reader writes it: "12.345 Bytes".</summary>
    internal static string Size(long length) => string.Format(Languages.Culture(Languages.German), "{0:N0} Bytes", length);

    /// <summary>The way it came, in the inbox page's German words.</summary>
    private static string Channel(string channel) => channel switch
    {
        Channels.Kiosk => "Scanner-Terminal",
        Channels.Upload => "Upload-Link",
        Channels.Session => "Beratung",
        Channels.Forms => "Formular",
        _ => channel,
    };
}
