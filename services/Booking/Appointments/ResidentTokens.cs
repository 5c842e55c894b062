using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Booking.Appointments;

/// <summary>Issues and checks residents' capability tokens; only hashes are stored, each with purpose and expiry.</summary>
public sealed class ResidentTokens(BookingDb db, TimeProvider time)
{

    public string Issue(string purpose, Guid subject, DateTimeOffset expiresAt)
    {
        var token = CapabilityToken.Create();
        db.ResidentTokens.Add(new ResidentToken
        {
            Hash = CapabilityToken.Hash(token),
            Purpose = purpose,
            SubjectId = subject,
            ExpiresAt = expiresAt,
            CreatedAt = time.GetUtcNow(),
        });
        return token;
    }

    /// <summary>The subject a token grants, or null if it is malformed, unknown, for another purpose or expired.</summary>
    public async Task<Guid?> ResolveAsync(HttpRequest request, string purpose, CancellationToken ct)
    {
        var token = request.Headers[CapabilityToken.Header].ToString();
        if (!CapabilityToken.LooksValid(token)) return null;
        var hash = CapabilityToken.Hash(token);
        var now = time.GetUtcNow();
        var found = await db.ResidentTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose && t.ExpiresAt > now, ct);
        return found?.SubjectId;
    }
}
