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
        var departments = user.Departments();
        var lead = user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.Admin);
        // A consultation handed on waits in sessions, not in booking's queue (it was taken before): for the colleague
        // it was handed to, for anyone of the department it was handed to, and for the department's supervisors also
        // when it was handed to a colleague (who may not come).
        var handed = await db.Rooms.AsNoTracking()
            .Where(r => r.Status == RoomStatus.Waiting && r.FirstAcceptedAt != null && r.ExpiresAt > now)
            .Where(r => r.TransferToStaffId == me
                || departments.Contains(r.DepartmentKey) && (r.TransferToStaffId == null || lead))
            .OrderBy(r => r.CreatedAt)
            .Take(50)
            .Select(r => new TransferredRoom(r.Id, r.CitizenName, r.ConcernKey, r.DepartmentKey,
                r.TransferToStaffId == me ? HandedTo.You : r.TransferToStaffId == null ? HandedTo.Department : HandedTo.Colleague))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DutyResponse(handed));
    }
}

/// <summary>Whom a waiting consultation was handed to, as the asker sees it.</summary>
public static class HandedTo
{
    public const string You = "you";
    public const string Department = "department";
    public const string Colleague = "colleague";
}

/// <summary>A department a room can be transferred to, and how many of its staff (not counting the asker) are on duty.</summary>
public sealed record DepartmentOnDuty(string Key, int OnDuty);

/// <summary>The consultations handed on that the asker may take, oldest first.</summary>
public sealed record DutyResponse(IReadOnlyList<TransferredRoom> HandedOn);

/// <summary>A consultation handed on and waiting; <c>HandedTo</c> says whether to the asker, their department or a colleague.</summary>
public sealed record TransferredRoom(Guid Id, string CitizenName, string ConcernKey, string DepartmentKey, string HandedTo);

/// <summary>A colleague the room can be handed to; busy while they hold another consultation.</summary>
public sealed record Colleague(Guid Id, string Name, bool Busy);
