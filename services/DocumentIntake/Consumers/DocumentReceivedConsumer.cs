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
/// travels by mail: it may be opened only by signed-in staff of the department. Written in the department's staff
/// language (its own, else the city's: <see cref="DepartmentInbox.Language"/>), subject and all, with the inbox's and
/// the concern's names in it.
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

        var language = inbox.Language(configuration);
        var texts = InboxMailTexts.In(language);
        var name = inbox.Name(language);
        var link = PublicLinks.To(configuration, $"/agent/inbox.html#document={message.DocumentId}");
        var receipt = document.Submission?.ReceiptNumber is { } number ? $"\n{texts.Receipt}{number}" : "";
        // By its name in the staff's language; by its key only where booking has not announced it (yet).
        var concern = message.ConcernKey is { } key
            ? (await Db.ConcernNames.AsNoTracking().SingleOrDefaultAsync(c => c.ConcernKey == key, ct))?.In(language) ?? key
            : "–";
        var text = $"""
            {string.Format(texts.Received, name)}

            {texts.File}{document.FileName} ({document.ContentType}, {texts.Size(language, document.Length)})
            {texts.Way}{texts.Channel(message.Channel)}
            {texts.Concern}{concern}{receipt}

            {texts.Open}{link}

            {texts.NotAttached}
            """;
        await mail.SendAsync(new OutgoingMail(inbox.Mailbox, $"{string.Format(texts.ReceivedSubject, name)} [{message.DocumentId}]", text,
            ToName: name, Language: language), ct);
    }
}
