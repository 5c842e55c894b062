using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;
using Municipal.SessionSignaling.Telemetry;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.SessionSignaling.Apis;

/// <summary>
/// The clerk's side of a room: accept, look, transfer, end, invite a colleague or an interpreter; a supervisor of the
/// department joins a colleague's consultation or takes it over.
/// </summary>
public static class StaffRoomApi
{
    // The booking event that creates the room may still be in flight when the clerk accepts the ticket.
    private static readonly TimeSpan AcceptWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AcceptPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan InviteLifetime = TimeSpan.FromHours(4);
    // An ended room stays reachable with the resident's token long enough to leave feedback.
    private static readonly TimeSpan FeedbackWindow = TimeSpan.FromHours(2);

    public static RouteGroupBuilder MapStaffRoomApi(this RouteGroupBuilder api)
    {
        var rooms = api.MapGroup("/rooms").RequireAuthorization(StaffPolicies.Staff);
        rooms.MapGet("/", List);
        // Other services ask here too, with a service token naming the department they act for (forms checks that
        // a verified identity belongs to the room's department): the same rule, MaySee, answers them.
        api.MapGet("/rooms/{id:guid}", Get).RequireAuthorization(new AuthorizationPolicyBuilder(InternalToken.Scheme)
            .RequireRole([.. StaffRoles.All, StaffRoles.Service]).Build());
        rooms.MapPost("/accept", Accept);
        rooms.MapGet("/{id:guid}/colleagues", Colleagues);
        rooms.MapPost("/{id:guid}/transfer", Transfer);
        rooms.MapPost("/{id:guid}/end", End);
        rooms.MapPost("/{id:guid}/invites", Invite);
        rooms.MapPost("/{id:guid}/join", Join);
        rooms.MapPost("/{id:guid}/takeover", TakeOver);
        return api;
    }

    /// <summary>Open rooms of the caller's departments (those transferred to a department wait here).</summary>
    public static async Task<Ok<List<RoomDetails>>> List(ClaimsPrincipal user, SessionDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var departments = user.Departments();
        var admin = user.IsInRole(StaffRoles.Admin);
        var now = clock.GetUtcNow();
        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => (r.Status == RoomStatus.Waiting || r.Status == RoomStatus.Active) && r.ExpiresAt > now)
            .Where(r => admin || departments.Contains(r.DepartmentKey))
            .OrderBy(r => r.CreatedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rooms.Select(RoomDetails.From).ToList());
    }

    /// <summary>
    /// The room, with what the clerk's page last said of the resident's picture (the identity check asks this look-up
    /// whether one arrives).
    /// </summary>
    public static async Task<Results<Ok<RoomDetails>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, SessionDb db, RunningCalls calls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
        if (!MaySee(user, room)) return Problems.Forbidden(new Reason("room-other-department", "This room belongs to another department."));
        var seenAt = room.Mode == RoomModes.Write ? null : await calls.PictureSeenAtAsync(room.Id);
        return TypedResults.Ok(RoomDetails.From(room).WithPicture(seenAt, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<RoomDetails>, ProblemHttpResult, ValidationProblem>> Accept(
        AcceptRequest request, ClaimsPrincipal user, [AsParameters] StaffRoomServices services, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var (db, notifier, clock) = (services.Db, services.Notifier, services.Clock);

        return await db.OnCurrentRoomAsync<Results<Ok<RoomDetails>, ProblemHttpResult, ValidationProblem>>(async () =>
        {
            var room = await WaitForRoomAsync(request, db, cancellationToken);
            if (room is null) return Problems.NotFound(new Reason("no-room-for-visit", "No room for this ticket or appointment."));
            if (!user.CanActFor(room.DepartmentKey)) return Problems.Forbidden(new Reason("room-other-department", "This room belongs to another department."));
            // Skills route the first contact; after a transfer the receiving department decides.
            if (room.FirstAcceptedAt is null && user.IsInRole(StaffRoles.Clerk) && !IsLead(user) && !user.Skills().Contains(room.ConcernKey))
                return Problems.Forbidden(new Reason("concern-not-assigned", "You are not assigned to this concern."));
            if (!room.IsOpen) return Problems.Conflict(new Reason("consultation-over", "The consultation is over or was cancelled."));
            var now = clock.GetUtcNow();
            // Taken, an appointment counts as running: its resident could no longer move or cancel it. So its room opens
            // to clerks on its day (the pages list only today's), not days ahead through the API.
            var early = TimeSpan.FromHours(services.Configuration.GetValue("Sessions:TakeAppointmentHoursBefore", 12));
            if (room.FirstAcceptedAt is null && room.ScheduledStart is { } start && start - now > early)
                return Problems.Conflict(new Reason("appointment-not-due", $"This appointment's room can be taken from {early.TotalHours:0} hours before its start.")
                    .With("hours", early.TotalHours).With("start", start));

            var me = user.StaffId();
            if (room.StaffId == me) return TypedResults.Ok(RoomDetails.From(room));
            if (room.StaffId is not null) return Problems.Conflict(new Reason("taken-by-colleague", "A colleague has already taken this resident."));
            // A supervisor may take a room handed to a colleague who has not come (signed off, page closed).
            if (room.TransferToStaffId is { } target && target != me && !IsLead(user)) return Problems.Conflict(new Reason("transferred-to-colleague", "This resident was transferred to a colleague."));

            room.StaffId = me;
            room.StaffName = user.StaffName();
            room.Status = RoomStatus.Active;
            room.AcceptedAt = now;
            room.TransferToStaffId = null;
            if (room.FirstAcceptedAt is null)
            {
                room.FirstAcceptedAt = now;
                db.Publish(new SessionStarted(room.Id, room.AppointmentId, room.TicketId, room.ConcernKey, room.DepartmentKey, me, now));
            }
            await db.SaveChangesAsync(cancellationToken);
            // The resident learns it at once, not only when the clerk's page has loaded and joined.
            await notifier.AcceptedAsync(room.Id, new Sender(ParticipantRoles.Clerk, room.StaffName!));
            return TypedResults.Ok(RoomDetails.From(room));
        });
    }

    /// <summary>Colleagues of the room's department who have an agent page open — those the room can be handed to.</summary>
    public static async Task<Results<Ok<List<Colleague>>, ProblemHttpResult>> Colleagues(
        Guid id, ClaimsPrincipal user, SessionDb db, StaffOnDuty duty, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
        if (!MayHandle(user, room)) return Problems.Forbidden(new Reason("not-room-holder", "Only the clerk holding the room can hand it on."));

        var me = user.StaffId();
        var present = (await duty.InAsync(room.DepartmentKey)).Where(c => c.Id != me).ToList();
        var ids = present.Select(c => c.Id).ToList();
        var busy = await db.Rooms.AsNoTracking()
            .Where(r => r.Status == RoomStatus.Active && r.StaffId != null && ids.Contains(r.StaffId.Value))
            .Select(r => r.StaffId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(present.Select(c => new Colleague(c.Id, c.Name, busy.Contains(c.Id))).ToList());
    }

    public static async Task<Results<Ok<RoomDetails>, ProblemHttpResult, ValidationProblem>> Transfer(
        Guid id, TransferRequest request, ClaimsPrincipal user, [AsParameters] StaffRoomServices services, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var department = request.Department;
        if (department is not null && !await services.Db.KnownDepartments.AnyAsync(d => d.Key == department, cancellationToken))
            return Problems.Field("toDepartmentKey", new Reason("department-without-staff", $"No one works in a department \"{department}\", so nobody could take the consultation there.").With("key", department));

        return await services.Db.OnCurrentRoomAsync<Results<Ok<RoomDetails>, ProblemHttpResult, ValidationProblem>>(async () =>
        {
            var room = await services.Db.Rooms.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
            if (!MayHandle(user, room)) return Problems.Forbidden(new Reason("not-room-holder", "Only the clerk holding the room can transfer it."));
            if (room.Status != RoomStatus.Active) return Problems.Conflict(new Reason("consultation-not-active", "Only an active consultation can be transferred."));
            if (request.ToStaffId == room.StaffId) return Problems.Field("toStaffId", new Reason("same-clerk", "The room is already with this clerk."));
            // Only a colleague on duty in the receiving department can take the room: handed to anyone else (an id
            // nobody has, a clerk of another department), it would wait for someone who never comes.
            if (request.ToStaffId is { } colleague && !(await services.Duty.InAsync(department ?? room.DepartmentKey)).Any(c => c.Id == colleague))
                return Problems.Field("toStaffId", new Reason("colleague-not-on-duty", "This colleague is not signed in to the receiving department now, so they could not take the consultation."));

            var from = room.StaffId!.Value;
            var released = new Sender(ParticipantRoles.Clerk, room.StaffName ?? "");
            var now = services.Clock.GetUtcNow();
            // The room, and with it the transcript, stays; only who holds it changes.
            var callEnded = room.Release();
            room.TransferToStaffId = request.ToStaffId;
            room.HandedOnBy = from;
            // Guests were invited by this department: handed to another one, the room ends their invitations and lets
            // them out (an interpreter kept hearing the resident in the tax office). The new clerk invites whom they need.
            var otherDepartment = department is not null && department != room.DepartmentKey;
            if (department is not null) room.DepartmentKey = department;
            services.Db.Publish(new SessionTransferred(room.Id, from, request.ToStaffId, department, now));
            await services.Db.SaveChangesAsync(cancellationToken);
            // Said before the clerk goes: the resident's page reads the going as the hand-on, not as "left the room".
            await services.Notifier.HandedOnAsync(room.Id, released, otherDepartment ? department : null);
            await services.Notifier.CloseForAsync(room.Id, new RoomClosed("transferred", request.ToStaffId, department), p => p.StaffId == from, released);
            if (callEnded) await services.Notifier.CallEndedAsync(room.Id, released);
            if (otherDepartment)
            {
                await services.Db.RoomInvites.Where(i => i.RoomId == room.Id && i.ExpiresAt > now)
                    .ExecuteUpdateAsync(i => i.SetProperty(x => x.ExpiresAt, now), cancellationToken);
                await services.Notifier.CloseForAsync(room.Id, new RoomClosed("invite-ended", null, null), p => p.IsGuest);
                // A supervisor who joined is one of the department the room left.
                await services.Notifier.CloseForAsync(room.Id, new RoomClosed("transferred", null, department), p => p.Role == ParticipantRoles.Supervisor);
            }
            return TypedResults.Ok(RoomDetails.From(room));
        });
    }

    public static async Task<Results<Ok<RoomDetails>, ProblemHttpResult>> End(
        Guid id, ClaimsPrincipal user, [AsParameters] StaffRoomServices services, CancellationToken cancellationToken)
    {
        return await services.Db.OnCurrentRoomAsync<Results<Ok<RoomDetails>, ProblemHttpResult>>(async () =>
        {
            var room = await services.Db.Rooms.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
            if (!MayHandle(user, room)) return Problems.Forbidden(new Reason("not-room-holder", "Only the clerk holding the room can end it."));
            if (room.Status == RoomStatus.Ended) return TypedResults.Ok(RoomDetails.From(room));
            if (room.Status != RoomStatus.Active) return Problems.Conflict(new Reason("consultation-not-active", "Only an active consultation can be ended."));

            var now = services.Clock.GetUtcNow();
            var ended = Close(room, now);
            if (room.ExpiresAt < now + FeedbackWindow) room.ExpiresAt = now + FeedbackWindow;
            services.Db.Publish(ended);
            await services.Db.SaveChangesAsync(cancellationToken);
            services.Metrics.Ended(room, ended.HandlingTime);
            await services.Notifier.CloseForAsync(room.Id, new RoomClosed("ended", null, null), _ => true);
            return TypedResults.Ok(RoomDetails.From(room));
        });
    }

    public static async Task<Results<Created<InviteResponse>, ProblemHttpResult, ValidationProblem>> Invite(
        Guid id, InviteRequest request, ClaimsPrincipal user, [AsParameters] StaffRoomServices services, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var name = request.TrimmedName;

        var room = await services.Db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
        if (room.StaffId != user.StaffId()) return Problems.Forbidden(new Reason("not-room-holder", "Only the clerk holding the room can invite."));
        if (room.Status != RoomStatus.Active) return Problems.Conflict(new Reason("consultation-not-active", "Only an active consultation takes guests."));

        var token = CapabilityToken.Create();
        var now = services.Clock.GetUtcNow();
        var invite = new RoomInvite
        {
            Id = Guid.CreateVersion7(), RoomId = room.Id, TokenHash = CapabilityToken.Hash(token), Role = request.Role!,
            Name = name, ExpiresAt = now + InviteLifetime, CreatedBy = user.StaffId(), CreatedAt = now,
        };
        services.Db.RoomInvites.Add(invite);
        await services.Db.SaveChangesAsync(cancellationToken);
        var link = PublicLinks.To(services.Configuration, $"/room.html#i={token}");
        return TypedResults.Created($"/api/sessions/rooms/{room.Id}", new InviteResponse(invite.Id, token, invite.Role, name, invite.ExpiresAt, link));
    }

    /// <summary>
    /// A supervisor of the room's department joins the consultation a colleague holds (her page then joins the hub as
    /// "supervisor"): the room as the clerk's view, or why not.
    /// </summary>
    public static async Task<Results<Ok<RoomDetails>, ProblemHttpResult>> Join(Guid id, ClaimsPrincipal user, SessionDb db, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
        return SupervisionRefusal(user, room) is { } refused ? refused : TypedResults.Ok(RoomDetails.From(room));
    }

    /// <summary>
    /// A supervisor of the room's department takes over the consultation a colleague holds: the room, its transcript
    /// and its guests stay; the colleague's page is let out and told by whom, a call with them ends, and the resident
    /// hears that the consultation is handed on and then who took it.
    /// </summary>
    public static async Task<Results<Ok<RoomDetails>, ProblemHttpResult>> TakeOver(
        Guid id, ClaimsPrincipal user, [AsParameters] StaffRoomServices services, CancellationToken cancellationToken)
    {
        return await services.Db.OnCurrentRoomAsync<Results<Ok<RoomDetails>, ProblemHttpResult>>(async () =>
        {
            var room = await services.Db.Rooms.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (room is null) return Problems.NotFound(new Reason("no-room", "No such room."));
            if (SupervisionRefusal(user, room) is { } refused) return refused;

            var me = user.StaffId();
            var from = room.StaffId!.Value;
            var released = new Sender(ParticipantRoles.Clerk, room.StaffName ?? "");
            var now = services.Clock.GetUtcNow();
            var callEnded = room.Release();
            room.StaffId = me;
            room.StaffName = user.StaffName();
            room.Status = RoomStatus.Active;
            room.AcceptedAt = now;
            room.HandedOnBy = from;
            services.Db.Publish(new SessionTransferred(room.Id, from, me, null, now));
            await services.Db.SaveChangesAsync(cancellationToken);

            var by = new Sender(ParticipantRoles.Clerk, room.StaffName);
            await services.Notifier.HandedOnAsync(room.Id, released, null);
            // The colleague's pages, and her own supervising one (it comes back as the clerk's), are let out.
            await services.Notifier.CloseForAsync(room.Id, new RoomClosed("taken-over", me, null, by),
                p => p.StaffId == from || p.StaffId == me && p.Role == ParticipantRoles.Supervisor, released);
            if (callEnded) await services.Notifier.CallEndedAsync(room.Id, released);
            await services.Notifier.AcceptedAsync(room.Id, by);
            return TypedResults.Ok(RoomDetails.From(room));
        });
    }

    /// <summary>
    /// Why <paramref name="user"/> may not join or take over <paramref name="room"/> (null: she may): only a supervisor
    /// of its department, and only while a colleague holds it (a room waiting for someone is taken as usual).
    /// </summary>
    internal static ProblemHttpResult? SupervisionRefusal(ClaimsPrincipal user, Room room)
    {
        if (!IsLead(user) || !user.CanActFor(room.DepartmentKey))
            return Problems.Forbidden(new Reason("not-department-lead", "Only a supervisor of the room's department can join or take over a colleague's consultation."));
        if (room.Status != RoomStatus.Active || room.StaffId is null)
            return Problems.Conflict(new Reason("consultation-not-active", "Only a running consultation can be joined or taken over."));
        if (room.StaffId == user.StaffId()) return Problems.Conflict(new Reason("own-consultation", "You hold this consultation yourself."));
        return null;
    }

    private static async Task<Room?> WaitForRoomAsync(AcceptRequest request, SessionDb db, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + AcceptWait;
        while (true)
        {
            var room = await db.Rooms.FirstOrDefaultAsync(r =>
                (request.TicketId != null && r.TicketId == request.TicketId) ||
                (request.AppointmentId != null && r.AppointmentId == request.AppointmentId) ||
                (request.SessionId != null && r.Id == request.SessionId), cancellationToken);
            if (room is not null || request.SessionId is not null || DateTime.UtcNow > deadline) return room;
            await Task.Delay(AcceptPoll, cancellationToken);
        }
    }

    /// <summary>
    /// Ends a room held by a clerk (or last handed on by one) as of <paramref name="at"/> and says so as
    /// <see cref="SessionEnded"/>: the clerk's "end" and <see cref="Jobs.AbandonedRoomJob"/> (a room left open past its
    /// link) end a room the same way.
    /// </summary>
    internal static SessionEnded Close(Room room, DateTimeOffset at)
    {
        var started = room.FirstAcceptedAt ?? at;
        var waiting = started - WaitingSince(room);
        room.Status = RoomStatus.Ended;
        room.EndedAt = at;
        return new SessionEnded(room.Id, room.AppointmentId, room.TicketId, room.ConcernKey, room.DepartmentKey,
            (room.StaffId ?? room.HandedOnBy)!.Value, room.Channel, waiting < TimeSpan.Zero ? TimeSpan.Zero : waiting, at - started, at);
    }

    /// <summary>For a ticket the wait starts when it was drawn; for an appointment at its start or when the resident came in, whichever is later.</summary>
    private static DateTimeOffset WaitingSince(Room room)
    {
        if (room.ScheduledStart is not { } start) return room.CreatedAt;
        return room.ResidentJoinedAt is { } joined && joined > start ? joined : start;
    }

    private static bool IsLead(ClaimsPrincipal user) => user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.Admin);

    private static bool MaySee(ClaimsPrincipal user, Room room) => room.StaffId == user.StaffId() || user.CanActFor(room.DepartmentKey);

    /// <summary>The clerk holding the room, or a supervisor of its department stepping in.</summary>
    private static bool MayHandle(ClaimsPrincipal user, Room room) =>
        room.StaffId == user.StaffId() || IsLead(user) && user.CanActFor(room.DepartmentKey);
}
