using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Security;

namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>
/// Resolves a resident's <c>X-Resident-Token</c> from the service's own <see cref="ResidentLink"/> projection: no
/// neighbour is asked, so the answer does not depend on sessions or forms being up.
/// </summary>
public sealed class ResidentLinkResolver(ServiceDbContext db, LinkGrace grace, TimeProvider clock)
{
    /// <summary>Seconds a page waits before asking again about a link not known yet.</summary>
    public const int RetryAfterSeconds = 2;

    public async Task<LinkLookup> FindAsync(string? token, CancellationToken ct)
    {
        if (!CapabilityToken.LooksValid(token)) return new LinkLookup(LinkState.Unknown, null);
        var hash = CapabilityToken.Hash(token!);
        var link = await db.Set<ResidentLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null)
        {
            // Only links nobody knows pay for this second look: a replaced one is refused at once, not after the grace.
            var now = clock.GetUtcNow();
            if (await db.Set<ReplacedResidentLink>().AsNoTracking().AnyAsync(r => r.TokenHash == hash && r.ExpiresAt > now, ct))
                return new LinkLookup(LinkState.Replaced, null);
            return new LinkLookup(grace.Waiting(hash) ? LinkState.Pending : LinkState.Unknown, null);
        }
        grace.Forget(hash);
        if (link.ExpiresAt <= clock.GetUtcNow()) return new LinkLookup(LinkState.Unknown, null);
        return new LinkLookup(link.IsClosed ? LinkState.Closed : LinkState.Open, link);
    }

    /// <summary>The answer for <see cref="LinkState.Replaced"/>: 401, saying that the newest mail's link works.</summary>
    public static ProblemHttpResult Replaced() => Problems.Status(StatusCodes.Status401Unauthorized, "Link replaced",
        new Reason("link-replaced", "A newer link was sent by e-mail (the appointment was moved or its links sent again); only the newest mail's link works."));

    /// <summary>The answer for <see cref="LinkState.Pending"/>: 503 with Retry-After, which the pages (shared/api.js) retry.</summary>
    public static ProblemHttpResult NotKnownYet(HttpResponse response) =>
        Problems.Busy(response, new Reason("link-check-unavailable", "The link cannot be checked right now. Please try again shortly."), RetryAfterSeconds);
}
