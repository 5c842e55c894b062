using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;
using Municipal.ServiceDefaults;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>
/// Tells the department's central mailbox that a document arrived, with a link to the inbox. The file itself never
/// travels by mail: it may be opened only by signed-in staff of the department.
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
        var receipt = document.Submission?.ReceiptNumber is { } number ? $"\nQuittung / Receipt: {number}" : "";
        var text = $"""
            Im Posteingang {inbox.NameDe} ist ein neues Dokument eingegangen.
            A new document arrived in the {inbox.NameEn} inbox.

            Datei / File: {document.FileName} ({document.ContentType}, {document.Length:N0} bytes)
            Weg / Channel: {message.Channel}
            Anliegen / Concern: {message.ConcernKey ?? "–"}{receipt}

            Öffnen / Open: {link}

            Das Dokument selbst wird nicht per E-Mail versandt. / The document itself is not sent by e-mail.
            """;
        await mail.SendAsync(new OutgoingMail(inbox.Mailbox, $"Neues Dokument / New document – {inbox.NameDe} [{message.DocumentId}]", text, ToName: inbox.NameDe), ct);
    }
}
