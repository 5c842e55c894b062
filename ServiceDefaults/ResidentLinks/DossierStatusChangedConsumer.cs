using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// A dossier completed or rejected (forms' final statuses) takes no more documents: its links still show what was
/// handed in, and create nothing more, as an ended consultation's do. Handed in after the decision, a file landed in
/// the department's inbox as new work on a closed case (probe 6).
/// </summary>
public sealed class DossierStatusChangedConsumer(ServiceDbContext db) : LinkConsumer<DossierStatusChanged>(db)
{
    protected override async Task Handle(DossierStatusChanged message, ConsumeContext<DossierStatusChanged> context)
    {
        if (!DossierStatuses.IsFinal(message.ToStatus)) return;
        await Links.Where(l => l.Kind == ResidentLink.Dossier && l.DossierId == message.DossierId && l.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ClosedAt, message.ChangedAt).SetProperty(l => l.UpdatedAt, message.ChangedAt), context.CancellationToken);
    }
}
