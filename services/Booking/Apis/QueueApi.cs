using Municipal.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Queue;
using Municipal.Booking.Telemetry;
using Municipal.Booking.Slots;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Booking.Apis;

/// <summary>"Talk to us now": the live walk-in queue for residents and the clerks who take from it.</summary>
public static class QueueApi
{
    internal static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);

    public static RouteGroupBuilder MapQueueApi(this RouteGroupBuilder api)
    {
        api.MapPost("/queue", Join).AllowAnonymous();
        api.MapGet("/queue/attended", Attended).AllowAnonymous();
        api.MapGet("/queue/tickets/mine", GetMine).AllowAnonymous();
        api.MapDelete("/queue/tickets/mine", LeaveMine).AllowAnonymous();
        api.MapGet("/queue", ForMySkills).RequireAuthorization(StaffPolicies.Staff);
        api.MapPost("/queue/next", TakeNext).RequireAuthorization(StaffPolicies.Staff);
        return api;
    }

    public static async Task<Results<Created<TicketIssuedDto>, ValidationProblem, ProblemHttpResult>> Join(
        JoinQueueRequest request, [AsParameters] QueueServices services, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var (name, email, language) = (request.TrimmedName, request.TrimmedEmail, Languages.Parse(request.Language));

        var calendar = await services.Slots.CalendarAsync(request.ConcernKey!, ct);
        if (calendar is null) return Problems.Field("concernKey", new Reason("no-concern", $"There is no concern '{request.ConcernKey}'.").With("key", request.ConcernKey));
        var now = services.Time.GetUtcNow();
        if (!calendar.IsOpen(now) || calendar.Staff.Count == 0)
        {
            var next = await services.Slots.NextFreeAsync(calendar, now, 5, ct);
            return Problems.Conflict(new Reason("counter-closed", "The counter is closed right now. Book one of the next free appointments instead."),
                new Dictionary<string, object?> { ["nextSlots"] = next.Select(SlotDto.From).ToList() });
        }

        var ticket = new QueueTicket
        {
            Id = Guid.CreateVersion7(),
            ConcernKey = calendar.Concern.Key,
            DepartmentKey = calendar.Department.Key,
            CitizenName = name,
            Email = email,
            Language = language!,
            IssuedAt = now,
        };
        services.Db.QueueTickets.Add(ticket);
        var token = services.Tokens.Issue(TokenPurposes.QueueTicket, ticket.Id, now + TicketLifetime);
        // A resident who gave an address gets the link to their place by mail (QueueTicketIssuedConsumer): a closed tab
        // or a flat battery does not cost the place. The link waits sealed until the mail left. One such mail per address
        // in ten minutes: joining again and again with someone else's address fills no mailbox.
        if (email is not null && await services.MailThrottle.TryTakeAsync(email, LinkResendThrottle.QueuePlace))
        {
            ticket.Mailed = true;
            services.Db.PendingTicketMails.Add(new PendingTicketMail { TicketId = ticket.Id, Token = services.Seal.Seal(token, ticket.Id, TicketMailKinds.Place), CreatedAt = now });
        }
        services.Db.Publish(new QueueTicketIssued(ticket.Id, ticket.ConcernKey, ticket.DepartmentKey, name, email, ticket.Language,
            CapabilityToken.Hash(token), now, now + TicketLifetime));
        await services.Db.SaveChangesAsync(ct);
        await services.Queue.AddAsync(new LiveTicket(ticket.Id, ticket.ConcernKey, ticket.DepartmentKey, name, ticket.Language,
            TicketStatus.Waiting, now, null, null, null));

        var position = await services.Queue.PositionAsync(ticket.ConcernKey, ticket.Id) ?? 1;
        var present = await services.Presence.PresentAsync(calendar, now);
        return TypedResults.Created("/api/booking/queue/tickets/mine", new TicketIssuedDto(ticket.Id, token,
            PublicLinks.To(services.Configuration, $"/queue.html#t={token}"), TicketStatus.Waiting, position,
            await EstimateMinutesAsync(services.Queue, calendar, position, present), ticket.Mailed, present > 0));
    }

    /// <summary>
    /// Per active concern, whether a clerk who handles it is at the counter now (a staff page of theirs asked for the queue
    /// within <see cref="BookingOptions.AtCounterWindow"/>): the start page and the queue's form say when nobody is. Only
    /// yes or no: who, and how many, stay the city's. Apart from the catalogue, which is cached by the calendar's version.
    /// </summary>
    public static async Task<Ok<AttendedDto>> Attended(HttpContext http, CalendarCache cache, CounterPresence presence, TimeProvider time, CancellationToken ct)
    {
        var snapshot = await cache.GetAsync().WaitAsync(ct);
        var atCounter = await presence.AtCounterAsync(time.GetUtcNow());
        var concerns = new Dictionary<string, bool>();
        foreach (var concern in snapshot.Concerns)
        {
            if (snapshot.Calendar(concern.Key) is { } calendar) concerns[concern.Key] = CounterPresence.Attended(calendar, atCounter);
        }
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AttendedDto(concerns));
    }

    public static async Task<Results<Ok<MyTicketDto>, ProblemHttpResult>> GetMine(
        HttpRequest http, [AsParameters] QueueServices services, CancellationToken ct)
    {
        var (db, queue) = (services.Db, services.Queue);
        var id = await services.Tokens.ResolveAsync(http, TokenPurposes.QueueTicket, ct);
        if (id is null) return Problems.InvalidToken();
        var stored = await db.QueueTickets.AsNoTracking().FirstAsync(t => t.Id == id, ct);
        var live = await queue.GetAsync(stored.Id);
        var status = live?.Status ?? stored.Status;
        var calendar = await services.Slots.CalendarAsync(stored.ConcernKey, ct);
        if (calendar is null) return Problems.NotFound(new Reason("concern-gone", "The concern is no longer offered."));

        long? position = status == TicketStatus.Waiting ? await queue.PositionAsync(stored.ConcernKey, stored.Id) : null;
        int? present = position is null ? null : await services.Presence.PresentAsync(calendar, services.Time.GetUtcNow());
        int? estimate = position is { } p ? await EstimateMinutesAsync(queue, calendar, p, present ?? 0) : null;
        // While waiting the page says when nobody who handles the concern is at the counter, and stops once one is.
        bool? attended = present is { } n ? n > 0 : null;
        return TypedResults.Ok(new MyTicketDto(stored.Id, stored.ConcernKey, Localized.NameOf(calendar.Concern),
            status, position, estimate, stored.IssuedAt, live?.CalledAt ?? stored.CalledAt, stored.CitizenName, stored.Email, stored.Mailed, attended));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> LeaveMine(
        HttpRequest http, BookingDb db, ResidentTokens tokens, QueueStore queue, TimeProvider time, CancellationToken ct)
    {
        var id = await tokens.ResolveAsync(http, TokenPurposes.QueueTicket, ct);
        if (id is null) return Problems.InvalidToken();
        var ticket = await db.QueueTickets.FirstAsync(t => t.Id == id, ct);
        // Leaving twice (a second tab, a request sent again) is answered as the first leave was, not as a call.
        if (ticket.Status == TicketStatus.Cancelled) return TypedResults.NoContent();
        if (ticket.Status != TicketStatus.Waiting) return Called();
        // Out of the live queue only if no clerk took the ticket in the meantime: the queue decides which came first.
        var before = await queue.LeaveAsync(ticket.Id, ticket.ConcernKey, TicketStatus.Cancelled);
        if (before == TicketStatus.Cancelled) return TypedResults.NoContent();
        if (before is not (null or TicketStatus.Waiting)) return Called();
        ticket.Status = TicketStatus.Cancelled;
        ticket.FinishedAt = time.GetUtcNow();
        // The ticket's link stops creating anything elsewhere (documents, codes), as a cancelled appointment's does.
        db.Publish(new QueueTicketLeft(ticket.Id, ticket.ConcernKey, ticket.DepartmentKey, ticket.FinishedAt.Value));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Called() => Problems.Conflict(new Reason("ticket-called", "The ticket has already been called."));

    /// <summary>
    /// The clerk's queue, asked for by every open staff page (every 15 s; the queue page every 3 s): the ask also marks
    /// the clerk as at the counter, which the residents' pages read as "someone is there for this concern".
    /// </summary>
    public static async Task<Ok<StaffQueueDto>> ForMySkills(HttpContext http, [AsParameters] QueueServices services, CancellationToken ct)
    {
        var (db, queue, options) = (services.Db, services.Queue, services.Options);
        var now = services.Time.GetUtcNow();
        await services.Presence.SeenAsync(http.User.StaffId(), now);
        var skills = await SkillsOfAsync(http, db, ct);
        var names = await db.Concerns.AsNoTracking().Where(c => skills.Contains(c.Key)).ToDictionaryAsync(c => c.Key, ct);
        var tickets = (await queue.WaitingAsync(skills)).Select(t => new WaitingTicketDto(t.Id, t.ConcernKey,
            Localized.NameOf(names[t.ConcernKey]), t.CitizenName, t.Language, t.IssuedAt,
            (int)Math.Max(0, (now - t.IssuedAt).TotalSeconds))).ToList();
        var (from, to) = (now - options.Value.DueLate, now + options.Value.DueEarly);
        var due = await db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked && a.CalledAt == null
            && skills.Contains(a.ConcernKey) && a.StartAt >= from && a.StartAt <= to, ct);
        return TypedResults.Ok(new StaffQueueDto(skills, tickets, due));
    }

    public static async Task<Results<Ok<NextDto>, NoContent>> TakeNext(
        HttpContext http, [AsParameters] QueueServices services, CancellationToken ct)
    {
        var skills = await SkillsOfAsync(http, services.Db, ct);
        var staffId = http.User.StaffId();
        var staffName = http.User.StaffName();
        var now = services.Time.GetUtcNow();
        await services.Presence.SeenAsync(staffId, now);

        // Residents with an appointment due now come first: they were promised this time.
        await using (var tx = await services.Db.Database.BeginTransactionAsync(ct))
        {
            var from = now - services.Options.Value.DueLate;
            var to = now + services.Options.Value.DueEarly;
            var appointment = await services.Db.Appointments
                .FromSql($"""
                    SELECT * FROM appointments
                    WHERE status = 'booked' AND called_at IS NULL AND concern_key = ANY({skills.ToArray()})
                      AND start_at BETWEEN {from} AND {to}
                    ORDER BY (staff_id = {staffId}) DESC, start_at
                    LIMIT 1 FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(ct) is [var first, ..] ? first : null;
            if (appointment is not null)
            {
                appointment.CalledAt = now;
                appointment.CalledBy = staffId;
                await services.Db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                var due = await services.Db.Concerns.AsNoTracking().FirstAsync(c => c.Key == appointment.ConcernKey, ct);
                return TypedResults.Ok(new NextDto("appointment", appointment.Id, appointment.ConcernKey, appointment.DepartmentKey,
                    Localized.NameOf(due), appointment.CitizenName, appointment.Language, appointment.StartAt,
                    $"/agent/room.html?appointment={appointment.Id}"));
            }
        }

        var ticketId = await services.Queue.TakeOldestAsync(skills, staffId, staffName, now);
        if (ticketId is null) return TypedResults.NoContent();
        var live = (await services.Queue.GetAsync(ticketId.Value))!;
        QueueTicket ticket;
        try
        {
            // Not cancellable: once the ticket left the queue, a caller who hangs up must not leave the call half-recorded.
            ticket = await services.Db.QueueTickets.FirstAsync(t => t.Id == ticketId, CancellationToken.None);
            ticket.Status = TicketStatus.Called;
            ticket.CalledAt = now;
            ticket.CalledBy = staffId;
            services.Db.Publish(new QueueTicketCalled(ticket.Id, ticket.ConcernKey, ticket.DepartmentKey, staffId, staffName, ticket.IssuedAt, now));
            await services.Db.SaveChangesAsync(CancellationToken.None);
        }
        catch
        {
            // The call was not recorded: the resident keeps their place rather than vanishing from the queue.
            // Only then — once it is recorded, putting the ticket back would hand the resident to a second clerk.
            await services.Queue.RequeueAsync(live);
            throw;
        }
        services.Metrics.Called(ticket, now);
        var concern = await services.Db.Concerns.AsNoTracking().FirstAsync(c => c.Key == ticket.ConcernKey, ct);
        return TypedResults.Ok(new NextDto("ticket", ticket.Id, ticket.ConcernKey, ticket.DepartmentKey, Localized.NameOf(concern),
            ticket.CitizenName, ticket.Language, ticket.IssuedAt, $"/agent/room.html?ticket={ticket.Id}"));
    }

    /// <summary>The concerns a clerk takes: those the gateway vouches for plus those booking's administrators assigned.</summary>
    internal static async Task<List<string>> SkillsOfAsync(HttpContext http, BookingDb db, CancellationToken ct)
    {
        var staffId = http.User.StaffId();
        var assigned = await db.StaffSkills.AsNoTracking().Where(s => s.StaffId == staffId).Select(s => s.ConcernKey).ToListAsync(ct);
        var departments = http.User.Departments();
        var isAdmin = http.User.IsInRole(StaffRoles.Admin);
        var claimed = http.User.Skills();
        var valid = await db.Concerns.AsNoTracking()
            .Where(c => claimed.Contains(c.Key) && (isAdmin || departments.Contains(c.DepartmentKey)))
            .Select(c => c.Key).ToListAsync(ct);
        return assigned.Union(valid).Order().ToList();
    }

    /// <summary>
    /// Minutes until the resident at <paramref name="position"/> is taken: the rounds of those ahead, shared among the
    /// concern's clerks at the counter now (<paramref name="present"/>; all who handle it may not be in). With nobody
    /// there it counts one clerk, the first to come, and the page says that nobody is there yet.
    /// </summary>
    private static async Task<int> EstimateMinutesAsync(QueueStore queue, ConcernCalendar calendar, long position, int present)
    {
        var handling = await queue.AverageHandlingAsync(calendar.Concern.Key) ?? calendar.Concern.Duration;
        var clerks = Math.Max(1, present);
        // Only those ahead make one wait: at position 1 the next free clerk takes the resident (0: "you are next").
        var rounds = (int)Math.Ceiling((double)(position - 1) / clerks);
        return (int)Math.Ceiling(rounds * handling.TotalMinutes);
    }
}
