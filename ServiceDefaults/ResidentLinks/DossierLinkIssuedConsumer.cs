using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// A dossier's status link also hands in documents for it (a status mail asks for what is missing). The mail telling
/// that a dossier was completed or rejected brings a link issued after the decision: it is closed as the dossier's
/// others are (<see cref="DossierStatusChangedConsumer"/>).
/// </summary>
public sealed class DossierLinkIssuedConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<DossierLinkIssued>(db)
{
    protected override async Task Handle(DossierLinkIssued message, ConsumeContext<DossierLinkIssued> context)
    {
        if (await Links.AnyAsync(l => l.TokenHash == message.TokenHash, context.CancellationToken)) return;
        var closedAt = await Links.Where(l => l.Kind == ResidentLink.Dossier && l.DossierId == message.DossierId && l.ClosedAt != null)
            .Select(l => l.ClosedAt).FirstOrDefaultAsync(context.CancellationToken);
        Links.Add(new ResidentLink
        {
            Id = Guid.CreateVersion7(),
            Kind = ResidentLink.Dossier,
            TokenHash = message.TokenHash,
            SessionId = message.SessionId,
            DossierId = message.DossierId,
            DepartmentKey = message.DepartmentKey,
            ConcernKey = message.ConcernKey,
            ExpiresAt = message.ExpiresAt,
            ClosedAt = closedAt,
            UpdatedAt = clock.GetUtcNow(),
        });
    }
}
