using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Forms;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>A dossier's status link also hands in documents for it (a status mail asks for what is missing).</summary>
public sealed class DossierLinkIssuedConsumer(ServiceDbContext db, TimeProvider clock) : LinkConsumer<DossierLinkIssued>(db)
{
    protected override async Task Handle(DossierLinkIssued message, ConsumeContext<DossierLinkIssued> context)
    {
        if (await Links.AnyAsync(l => l.TokenHash == message.TokenHash, context.CancellationToken)) return;
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
            UpdatedAt = clock.GetUtcNow(),
        });
    }
}
