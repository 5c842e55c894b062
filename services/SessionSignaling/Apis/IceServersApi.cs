using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Municipal.ServiceDefaults.Auth;
using Municipal.SessionSignaling.Rooms;
using Municipal.SessionSignaling.Turn;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Security;

namespace Municipal.SessionSignaling.Apis;

public static class IceServersApi
{
    public static RouteGroupBuilder MapIceServersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ice-servers", GetIceServers).AllowAnonymous();
        return api;
    }

    /// <summary>
    /// STUN and TURN for the browser. Only room participants get TURN credentials — staff, or a resident or
    /// guest with a valid token — so the relay is not open to the internet.
    /// </summary>
    public static async Task<Results<Ok<IceServersResponse>, ProblemHttpResult>> GetIceServers(
        [FromHeader(Name = CapabilityToken.Header)] string? token, HttpContext http, RoomAccess access,
        IceServers iceServers, CancellationToken cancellationToken)
    {
        if (http.User.IsStaff()) return TypedResults.Ok(iceServers.For(http.User.StaffId().ToString("N")));
        if (string.IsNullOrEmpty(token)) return Problems.MissingToken();

        if (await access.FindByResidentTokenAsync(token, cancellationToken) is { IsOpen: true } room)
            return TypedResults.Ok(iceServers.For(room.Id.ToString("N"), room.ExpiresAt));
        if (await access.FindByInviteTokenAsync(token, cancellationToken) is { Room.IsOpen: true } invited)
            return TypedResults.Ok(iceServers.For(invited.Invite.Id.ToString("N"), invited.Invite.ExpiresAt));
        return Problems.NotFound(new Reason("no-room-for-link", "No open room for this token."));
    }
}
