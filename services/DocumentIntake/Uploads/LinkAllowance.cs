using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.ResidentLinks;

namespace Municipal.DocumentIntake.Uploads;

/// <summary>
/// What one resident's link may still hand in (<see cref="DocumentOptions.MaxBytesPerLink"/> less everything its
/// uploads brought so far, refused ones included): a booking is anonymous, so without it one link could fill the
/// document storage, or keep clamd busy with files it sends only to have them refused. Counted by the link, not by its
/// token: a move or the links sent again give it a new token, and the allowance goes on from what the old one left.
/// </summary>
public sealed class LinkAllowance(DocumentDb db, IOptions<DocumentOptions> options, TimeProvider clock)
{
    public long Total => options.Value.MaxBytesPerLink;

    public async Task<long> LeftAsync(ResidentLink link, CancellationToken ct) =>
        Total - await db.Submissions.AsNoTracking().Where(s => s.ResidentLinkId == link.Id).SumAsync(s => s.ReceivedBytes, ct)
            - await db.RefusedUploads.AsNoTracking().Where(r => r.ResidentLinkId == link.Id).SumAsync(r => r.Bytes, ct);

    /// <summary>A refused upload's bytes (at least <see cref="DocumentOptions.RefusedUploadMinimumBytes"/>) count against the link.</summary>
    public Task ChargeRefusedAsync(ResidentLink link, long bytesRead, CancellationToken ct) =>
        db.ChargeRefusedUploadAsync((link.Id, link.TokenHash), null, Math.Max(bytesRead, options.Value.RefusedUploadMinimumBytes), clock.GetUtcNow(), ct);

    /// <summary>The refusal: 413 naming the link's allowance and what is left of it.</summary>
    public UploadRejected Spent(long left) => UploadRejected.For("files", "link-quota",
        $"This link can hand in at most {Total / (1024 * 1024)} MB altogether, refused files included; {Math.Max(0, left) / (1024 * 1024)} MB are left.", StatusCodes.Status413PayloadTooLarge);
}
