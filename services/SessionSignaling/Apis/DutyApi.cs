using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Auth;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Apis;

/// <summary>
/// Staff pages report in while open; the answer names the residents colleagues handed to the caller. A clerk about to
/// transfer a consultation asks which departments have staff and how many of them are there now.
/// </summary>
public static class DutyApi
{
    public static RouteGroupBuilder MapDutyApi(this RouteGroupBuilder api)
    {
        api.MapPost("/duty", ReportIn).RequireAuthorization(StaffPolicies.Staff);
        api.MapGet("/duty", Departments).RequireAuthorization(StaffPolicies.Staff);
        return api;
    }

    /// <summary>
    /// Every department a transfer may go to (those with staff accounts), with how many of its staff other than the
    /// caller have a page open: a transfer to a department where nobody is on duty leaves the resident waiting.
    /// </summary>
    public static async Task<Ok<List<DepartmentOnDuty>>> Departments(
        ClaimsPrincipal user, StaffOnDuty duty, SessionDb db, CancellationToken cancellationToken)
    {
        var me = user.StaffId();
        var keys = await db.KnownDepartments.AsNoTracking().OrderBy(d => d.Key).Select(d => d.Key).ToListAsync(cancellationToken);
        // Asked together, so the multiplexer pipelines them: one wait on Redis for all departments, not one each.
        var present = await Task.WhenAll(keys.Select(duty.InAsync));
        return TypedResults.Ok(keys.Select((key, i) => new DepartmentOnDuty(key, present[i].Count(c => c.Id != me))).ToList());
    }

    public static async Task<Ok<DutyResponse>> ReportIn(
        ClaimsPrincipal user, StaffOnDuty duty, SessionDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await duty.SeenAsync(user);
        var me = user.StaffId();
        var now = clock.GetUtcNow();
        var handed = await db.Rooms.AsNoTracking()
            .Where(r => r.TransferToStaffId == me && r.Status == RoomStatus.Waiting && r.ExpiresAt > now)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new TransferredRoom(r.Id, r.CitizenName, r.ConcernKey, r.DepartmentKey))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DutyResponse(handed));
    }
}

/// <summary>A department a room can be transferred to, and how many of its staff (not counting the asker) are on duty.</summary>
public sealed record DepartmentOnDuty(string Key, int OnDuty);

public sealed record DutyResponse(IReadOnlyList<TransferredRoom> TransferredToYou);

public sealed record TransferredRoom(Guid Id, string CitizenName, string ConcernKey, string DepartmentKey);

/// <summary>A colleague the room can be handed to; busy while they hold another consultation.</summary>
public sealed record Colleague(Guid Id, string Name, bool Busy);
