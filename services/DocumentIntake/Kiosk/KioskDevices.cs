using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Security;

namespace Municipal.DocumentIntake.Kiosk;

/// <summary>Recognises a registered kiosk by its device token and keeps it within its hourly quotas, refused hand-ins included.</summary>
public sealed class KioskDevices(DocumentDb db, IOptions<DocumentOptions> options, TimeProvider clock)
{
    /// <summary>The header the kiosk page sends its device token in (never the URL, so it stays out of logs).</summary>
    public const string Header = "X-Kiosk-Device";

    public KioskQuotas Quotas => options.Value.Kiosk;

    /// <summary>What the quotas count: the hand-ins, refused ones included, of the past hour.</summary>
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(1);

    /// <summary>The device presenting the request's token; a 401 problem for a missing, unknown or revoked one.</summary>
    public async Task<(KioskDevice? Device, ProblemHttpResult? Problem)> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var token = request.Headers[Header].ToString();
        if (!CapabilityToken.LooksValid(token)) return (null, NotRegistered("device-unknown"));
        var hash = CapabilityToken.Hash(token);
        var device = await db.KioskDevices.SingleOrDefaultAsync(d => d.TokenHash == hash, ct);
        if (device is null) return (null, NotRegistered("device-unknown"));
        if (device.RevokedAt is not null) return (null, NotRegistered("device-revoked"));
        return (device, null);
    }

    /// <summary>
    /// Refuses before the body is read when the past hour's requests or bytes (with this request's declared length)
    /// would pass the device's quota: 429 naming the limit, with Retry-After for when the oldest counted one drops out.
    /// </summary>
    public async Task<ProblemHttpResult?> CheckHourAsync(KioskDevice device, long? declaredLength, HttpResponse response, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - QuotaWindow;
        var recent = db.Submissions.AsNoTracking().Where(s => s.KioskDeviceId == device.Id && s.CreatedAt > since);
        // Refused hand-ins count as accepted ones do: each was received and scanned.
        var refused = db.RefusedUploads.AsNoTracking().Where(r => r.KioskDeviceId == device.Id && r.CreatedAt > since);
        var requests = await recent.CountAsync(ct) + await refused.CountAsync(ct);
        var bytes = await recent.SumAsync(s => s.ReceivedBytes, ct) + await refused.SumAsync(r => r.Bytes, ct);
        string? limit = requests >= Quotas.RequestsPerHour ? "requestsPerHour"
            : bytes + (declaredLength ?? 0) > Quotas.BytesPerHour ? "bytesPerHour"
            : null;
        if (limit is null) return null;

        var oldest = new[] { await recent.MinAsync(s => (DateTimeOffset?)s.CreatedAt, ct), await refused.MinAsync(r => (DateTimeOffset?)r.CreatedAt, ct) }.Min() ?? now;
        var wait = Math.Max(1, (int)Math.Ceiling((oldest + QuotaWindow - now).TotalSeconds));
        response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        var max = limit == "requestsPerHour" ? Quotas.RequestsPerHour : Quotas.BytesPerHour;
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Kiosk quota reached",
            limit == "requestsPerHour"
                ? new Reason("kiosk-quota-submissions", $"This kiosk has handed in {Quotas.RequestsPerHour} submissions in the past hour; please try again later.").With("max", Quotas.RequestsPerHour)
                : new Reason("kiosk-quota-megabytes", $"This kiosk has handed in {Quotas.BytesPerHour / (1024 * 1024)} MB in the past hour; please try again later.").With("max", Quotas.BytesPerHour / (1024 * 1024)),
            new Dictionary<string, object?> { ["limit"] = limit, ["max"] = max, ["retryAfterSeconds"] = wait });
    }

    /// <summary>A refused hand-in's bytes (at least <see cref="DocumentOptions.RefusedUploadMinimumBytes"/>) count against the hour's quotas.</summary>
    public Task ChargeRefusedAsync(KioskDevice device, long bytesRead, CancellationToken ct) =>
        db.ChargeRefusedUploadAsync(null, device.Id, Math.Max(bytesRead, options.Value.RefusedUploadMinimumBytes), clock.GetUtcNow(), ct);

    /// <summary>Marks the device as seen now; saved with the submission.</summary>
    public void Touch(KioskDevice device) => device.LastUsedAt = clock.GetUtcNow();

    public static ProblemHttpResult NotRegistered(string reason) => Problems.Status(StatusCodes.Status401Unauthorized, "Kiosk not registered",
        reason == "device-revoked" ? new Reason("kiosk-revoked", "This kiosk's registration was revoked.") : new Reason("kiosk-not-registered", "This kiosk is not registered. An administrator can register it."),
        new Dictionary<string, object?> { ["reason"] = reason });
}
