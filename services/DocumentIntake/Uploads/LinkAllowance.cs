using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;

namespace Municipal.DocumentIntake.Uploads;

/// <summary>
/// What one resident's link may still hand in (<see cref="DocumentOptions.MaxBytesPerLink"/> less everything its
/// uploads brought so far): a booking is anonymous, so without it one link could fill the document storage.
/// </summary>
public sealed class LinkAllowance(DocumentDb db, IOptions<DocumentOptions> options)
{
    public long Total => options.Value.MaxBytesPerLink;

    public async Task<long> LeftAsync(string tokenHash, CancellationToken ct) =>
        Total - await db.Submissions.AsNoTracking().Where(s => s.ResidentTokenHash == tokenHash).SumAsync(s => s.ReceivedBytes, ct);

    /// <summary>The refusal: 413 naming the link's allowance and what is left of it.</summary>
    public UploadRejected Spent(long left) => UploadRejected.For("files", "link-quota",
        $"This link can hand in at most {Total / (1024 * 1024)} MB altogether; {Math.Max(0, left) / (1024 * 1024)} MB are left.", StatusCodes.Status413PayloadTooLarge);
}
