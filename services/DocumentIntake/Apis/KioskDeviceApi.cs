using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Kiosk;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;

namespace Municipal.DocumentIntake.Apis;

/// <summary>
/// Registering scanner kiosks: an admin names a device and gets a one-time enrolment code, opens the kiosk page
/// with it on the device, and the page trades it for a device token it keeps. Admins list and revoke devices.
/// </summary>
public static class KioskDeviceApi
{
    public static RouteGroupBuilder MapKioskDeviceApi(this RouteGroupBuilder api)
    {
        var kiosk = api.MapGroup("/kiosk");
        kiosk.MapGet("/device", Device).AllowAnonymous();
        kiosk.MapPost("/enrolment", Enrol).AllowAnonymous();
        kiosk.MapGet("/devices", List).RequireAuthorization(StaffPolicies.Admin);
        kiosk.MapPost("/devices", Create).RequireAuthorization(StaffPolicies.Admin);
        kiosk.MapPost("/devices/{id:guid}/revoke", Revoke).RequireAuthorization(StaffPolicies.Admin);
        return api;
    }

    public sealed record NewDevice(string? Name);

    public sealed record IssuedDevice(KioskDeviceView Device, string EnrolmentCode);

    public sealed record EnrolmentRequest(string? Code);

    public sealed record Enrolled(string Token, string Name);

    public sealed record DeviceState(string Name, KioskQuotas Quotas);

    /// <summary>What the kiosk page asks on start: is this browser a registered kiosk?</summary>
    public static async Task<Results<Ok<DeviceState>, ProblemHttpResult>> Device(HttpRequest request, KioskDevices devices, CancellationToken ct)
    {
        var (device, problem) = await devices.AuthenticateAsync(request, ct);
        return device is null ? problem! : TypedResults.Ok(new DeviceState(device.Name, devices.Quotas));
    }

    public static async Task<Results<Ok<Enrolled>, ValidationProblem, ProblemHttpResult>> Enrol(EnrolmentRequest request, DocumentDb db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Code)) return Problems.Field("code", new Reason("enrolment-code-required", "Enter the enrolment code."));
        if (!CapabilityToken.LooksValid(request.Code)) return Problems.InvalidToken();
        var now = clock.GetUtcNow();
        var hash = CapabilityToken.Hash(request.Code);
        var device = await db.KioskDevices.AsNoTracking().SingleOrDefaultAsync(d => d.EnrolmentCodeHash == hash, ct);
        if (device is null || device.RevokedAt is not null || device.EnrolmentExpiresAt < now) return Problems.InvalidToken();

        // Traded in one statement that holds only while the code still stands: the code sent twice at the same moment
        // enrolled both, and the first page kept a token the second had already replaced (probe 6).
        var token = CapabilityToken.Create();
        var tokenHash = CapabilityToken.Hash(token);
        var traded = await db.KioskDevices.Where(d => d.Id == device.Id && d.EnrolmentCodeHash == hash && d.RevokedAt == null)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.TokenHash, tokenHash).SetProperty(x => x.EnrolmentCodeHash, (string?)null)
                .SetProperty(x => x.EnrolmentExpiresAt, (DateTimeOffset?)null).SetProperty(x => x.EnrolledAt, now), ct);
        if (traded == 0) return Problems.InvalidToken();
        return TypedResults.Ok(new Enrolled(token, device.Name));
    }

    public static async Task<Ok<List<KioskDeviceView>>> List(DocumentDb db, CancellationToken ct)
    {
        var devices = await db.KioskDevices.AsNoTracking().OrderBy(d => d.RevokedAt != null).ThenBy(d => d.Name).ToListAsync(ct);
        return TypedResults.Ok(devices.Select(KioskDeviceView.Of).ToList());
    }

    public static async Task<Results<Created<IssuedDevice>, ValidationProblem>> Create(
        NewDevice request, HttpContext http, DocumentDb db, KioskDevices devices, TimeProvider clock, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Problems.Field("name", new Reason("kiosk-name-required", "Name the kiosk, e.g. where it stands."));
        if (name.Length > 100) return Problems.Field("name", Reasons.TooLong(100));
        if (name.Any(char.IsControl)) return Problems.Field("name", new Reason("control-character", "The name must not contain control characters."));

        var now = clock.GetUtcNow();
        var code = CapabilityToken.Create();
        var device = new KioskDevice
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            EnrolmentCodeHash = CapabilityToken.Hash(code),
            EnrolmentExpiresAt = now.AddHours(devices.Quotas.EnrolmentHours),
            CreatedAt = now,
            CreatedBy = http.User.StaffId(),
        };
        db.KioskDevices.Add(device);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/documents/kiosk/devices/{device.Id}", new IssuedDevice(KioskDeviceView.Of(device), code));
    }

    public static async Task<Results<Ok<KioskDeviceView>, ProblemHttpResult>> Revoke(Guid id, DocumentDb db, TimeProvider clock, CancellationToken ct)
    {
        var device = await db.KioskDevices.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (device is null) return Problems.NotFound(new Reason("no-kiosk", "No such kiosk."));
        device.RevokedAt ??= clock.GetUtcNow();
        device.EnrolmentCodeHash = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(KioskDeviceView.Of(device));
    }
}
