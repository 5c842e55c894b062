using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Pdf;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Consumers;

/// <summary>
/// Prints the submission's PDF and hands it to document intake (which files it in the department's inbox). Runs
/// from our own FormSubmitted, so a failed print or an unreachable document service is retried with the message,
/// never forgotten. The print is stored on its own before the hand-over, so a retried hand-over prints nothing twice.
/// </summary>
public sealed class FormSubmittedConsumer(FormDb db, DocumentIntake documents, PdfPrinter printer, IServiceScopeFactory scopes, CityClock clock)
    : Municipal.ServiceDefaults.Messaging.IdempotentConsumer<FormDb, FormSubmitted>(db)
{
    protected override async Task Handle(FormSubmitted message, ConsumeContext<FormSubmitted> context)
    {
        var ct = context.CancellationToken;
        var dossier = await Db.Dossiers.FirstOrDefaultAsync(d => d.Id == message.DossierId, ct);
        if (dossier is null || dossier.PdfDeliveredAt is not null) return;
        var pdf = dossier.Pdf ?? await PrintAsync(dossier.Id, dossier.PdfSource!, ct);
        await documents.SendAsync(pdf, $"{dossier.Reference}.pdf", dossier.DepartmentKey, dossier.ConcernKey, dossier.Id, ct);
        dossier.PdfDeliveredAt = clock.Now;
    }

    /// <summary>Prints and stores the PDF outside this message's transaction: it stands even if the hand-over fails.</summary>
    private async Task<byte[]> PrintAsync(Guid dossierId, string source, CancellationToken ct)
    {
        var pdf = await printer.PrintAsync(source, ct);
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<FormDb>();
        await own.Dossiers.Where(d => d.Id == dossierId && d.Pdf == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Pdf, pdf).SetProperty(d => d.PdfSource, (string?)null), ct);
        return pdf;
    }
}
