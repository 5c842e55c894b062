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
/// a link to it, as for a new document (<see cref="DocumentReceivedConsumer"/>), in the receiving department's staff
/// language, both departments named in it.
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

        var language = inbox.Language(configuration);
        var texts = InboxMailTexts.In(language);
        var name = inbox.Name(language);
        var from = inboxes.SingleOrDefault(i => i.DepartmentKey == message.FromDepartmentKey)?.Name(language) ?? message.FromDepartmentKey;
        var link = PublicLinks.To(configuration, $"/agent/inbox.html#document={message.DocumentId}");
        var text = $"""
            {string.Format(texts.HandedOn, from, name)}
            {texts.Reason}{message.Reason}

            {texts.File}{document.FileName} ({document.ContentType}, {texts.Size(language, document.Length)})

            {texts.Open}{link}

            {texts.NotAttached}
            """;
        await mail.SendAsync(new OutgoingMail(inbox.Mailbox, $"{string.Format(texts.HandedOnSubject, from, name)} [{message.DocumentId}]", text,
            ToName: name, Language: language), ct);
    }
}
