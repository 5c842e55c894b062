using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Consumers;

/// <summary>
/// Hands the submission's PDF to document intake (which files it in the department's inbox). Runs from our own
/// FormSubmitted so an unreachable document service is retried with the message, never forgotten.
/// </summary>
public sealed class FormSubmittedConsumer(FormDb db, DocumentIntake documents, CityClock clock)
    : Municipal.ServiceDefaults.Messaging.IdempotentConsumer<FormDb, FormSubmitted>(db)
{
    protected override async Task Handle(FormSubmitted message, ConsumeContext<FormSubmitted> context)
    {
        var ct = context.CancellationToken;
        var dossier = await Db.Dossiers.FirstOrDefaultAsync(d => d.Id == message.DossierId, ct);
        if (dossier is null || dossier.PdfDeliveredAt is not null) return;
        await documents.SendAsync(dossier.Pdf, $"{dossier.Reference}.pdf", dossier.DepartmentKey, dossier.ConcernKey, dossier.Id, ct);
        dossier.PdfDeliveredAt = clock.Now;
    }
}
