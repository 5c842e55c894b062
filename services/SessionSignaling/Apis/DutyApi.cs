using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Auth;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Apis;

/// <summary>Staff pages report in while open; the answer names the residents colleagues handed to the caller.</summary>
public static class DutyApi
{
    public static RouteGroupBuilder MapDutyApi(this RouteGroupBuilder api)
    {
        api.MapPost("/duty", ReportIn).RequireAuthorization(StaffPolicies.Staff);
        return api;
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

public sealed record DutyResponse(IReadOnlyList<TransferredRoom> TransferredToYou);

public sealed record TransferredRoom(Guid Id, string CitizenName, string ConcernKey, string DepartmentKey);

/// <summary>A colleague the room can be handed to; busy while they hold another consultation.</summary>
public sealed record Colleague(Guid Id, string Name, bool Busy);
