using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>
/// Tells the receiving department's central mailbox that a document was handed on to its inbox, from where and why, with
/// a link to it, as for a new document (<see cref="DocumentReceivedConsumer"/>); in German, as the staff's mails are.
/// </summary>
public sealed class DocumentHandedOnConsumer(DocumentDb db, MailSender mail, IConfiguration configuration)
    : IdempotentConsumer<DocumentDb, DocumentHandedOn>(db)
{
    protected override async Task Handle(DocumentHandedOn message, ConsumeContext<DocumentHandedOn> context)
    {
        var ct = context.CancellationToken;
        var inboxes = await Db.DepartmentInboxes.AsNoTracking()
            .Where(i => i.DepartmentKey == message.ToDepartmentKey || i.DepartmentKey == message.FromDepartmentKey).ToListAsync(ct);
        var inbox = inboxes.SingleOrDefault(i => i.DepartmentKey == message.ToDepartmentKey);
        var document = await Db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == message.DocumentId, ct);
        if (inbox is null || document is null) return;
        var from = inboxes.SingleOrDefault(i => i.DepartmentKey == message.FromDepartmentKey)?.NameDe ?? message.FromDepartmentKey;

        var link = PublicLinks.To(configuration, $"/agent/inbox.html#document={message.DocumentId}");
        var text = $"""
            {from} hat ein Dokument an den Posteingang {inbox.NameDe} weitergegeben.
            Grund: {message.Reason}

            Datei: {document.FileName} ({document.ContentType}, {DocumentReceivedConsumer.Size(document.Length)})

            Öffnen: {link}

            Das Dokument selbst wird nicht per E-Mail versandt.
            """;
        await mail.SendAsync(new OutgoingMail(inbox.Mailbox, $"Dokument weitergegeben von {from} an {inbox.NameDe} [{message.DocumentId}]", text,
            ToName: inbox.NameDe, Language: Languages.German), ct);
    }
}
