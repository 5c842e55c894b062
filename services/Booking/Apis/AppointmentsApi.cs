using Municipal.ServiceDefaults.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.Booking.Telemetry;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Booking.Apis;

/// <summary>Booking, and cancelling or moving an appointment with the manage link; no account needed.</summary>
public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/appointments", Book).AllowAnonymous();
        api.MapGet("/appointments/mine", GetMine).AllowAnonymous();
        api.MapDelete("/appointments/mine", CancelMine).AllowAnonymous();
        api.MapPut("/appointments/mine", RebookMine).AllowAnonymous();
        api.MapGet("/appointments/today", Today).RequireAuthorization(StaffPolicies.Staff);
        return api;
    }

    public static async Task<Results<Created<BookedDto>, ValidationProblem, ProblemHttpResult>> Book(
        BookAppointmentRequest request, [AsParameters] AppointmentServices services, HttpResponse response, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);

        var calendar = await services.Slots.CalendarAsync(request.ConcernKey!, ct);
        if (calendar is null) return Problems.Field("concernKey", new Reason("no-concern", $"There is no concern '{request.ConcernKey}'.").With("key", request.ConcernKey));
        var start = request.StartAt!.Value.ToUniversalTime();
        var now = services.Time.GetUtcNow();
        if (services.Slots.BeyondHorizon(calendar, start) is { } beyond) return Problems.Field("start", beyond);
        if (!IsOnGrid(calendar, start, now)) return Problems.Field("start", new Reason("not-bookable", "This is not a bookable time for the concern."));
        // A rush on a released slot is mostly refusals: a slot already gone is answered from one read, with nothing prepared.
        // That read also keeps such a storm out of the booking transactions: there, inserts racing for the same clerks
        // wait on each other in the exclusion constraint's check, and Postgres ends some as deadlocks (CI, 2026-12-04,
        // when the read was skipped for days nothing was kept for: 200 attempts on five clerks answered 503 for minutes).
        // A slot the kept free slots show free (they follow every change within milliseconds) is spared that read: the
        // common booking makes one round trip fewer, and the constraint still decides.
        var listedFree = services.Slots.IsKeptFree(calendar, start) == true;
        if (!listedFree && await services.Booker.AllTakenAsync(calendar.Staff, start, start + calendar.Concern.Duration + calendar.Concern.Buffer, ct))
            return await SlotTakenAsync(services.Slots, calendar, start, listedFree: false, ct);

        var joinToken = CapabilityToken.Create();
        var appointment = NewAppointment(request, calendar, start, joinToken, now, services.Options.Value);
        var (manageToken, manageExpires) = StageBooking(services, appointment, joinToken, now);

        try
        {
            var cap = new AddressCap(appointment.Email, services.Options.Value.MaxActivePerEmail, now);
            switch (await services.Booker.SaveOnFreeClerkAsync(appointment, calendar.Staff, ct, cap))
            {
                case BookingOutcome.SlotTaken: return await SlotTakenAsync(services.Slots, calendar, start, listedFree, ct);
                case BookingOutcome.AddressFull:
                    return Problems.Field("email", new Reason("address-full", $"This address already holds {cap.MaxActive} appointments; cancel one before booking another.").With("max", cap.MaxActive));
            }
        }
        catch (BookingBusyException ex)
        {
            return Busy(response, ex);
        }
        services.Metrics.Booked(appointment);

        return TypedResults.Created("/api/booking/appointments/mine", new BookedDto(ToDto(appointment, calendar, now), manageToken,
            PublicLinks.To(services.Configuration, $"/manage.html#t={manageToken}"), manageExpires));
    }

    /// <summary>
    /// Adds the new appointment to the unit of work with all that is saved with it: the manage token, the mails
    /// waiting to go (their links sealed) and the AppointmentBooked event. Nothing is saved yet.
    /// </summary>
    private static (string ManageToken, DateTimeOffset ManageExpires) StageBooking(
        AppointmentServices services, Appointment appointment, string joinToken, DateTimeOffset now)
    {
        services.Db.Appointments.Add(appointment);
        var manageExpires = appointment.EndAt.AddDays(1);
        var manageToken = services.Tokens.Issue(TokenPurposes.ManageAppointment, appointment.Id, manageExpires);
        AddPendingMails(services.Db, services.Seal, appointment, joinToken, manageToken, MailKinds.Confirmation, now);
        services.Db.Publish(new AppointmentBooked(appointment.Id, appointment.ConcernKey, appointment.DepartmentKey, appointment.StartAt,
            appointment.EndAt, appointment.CitizenName, appointment.Email, appointment.Language, appointment.JoinTokenHash, appointment.JoinTokenExpiresAt, now));
        return (manageToken, manageExpires);
    }

    /// <summary>The appointment a valid request asks for, with its join token's hash; not yet saved nor on a clerk.</summary>
    private static Appointment NewAppointment(BookAppointmentRequest request, ConcernCalendar calendar, DateTimeOffset start, string joinToken,
        DateTimeOffset now, BookingOptions options)
    {
        var end = start + calendar.Concern.Duration;
        return new Appointment
        {
            Id = Guid.CreateVersion7(),
            ConcernKey = calendar.Concern.Key,
            DepartmentKey = calendar.Department.Key,
            StartAt = start,
            EndAt = end,
            BlockedUntil = end + calendar.Concern.Buffer,
            CitizenName = request.TrimmedName,
            Email = request.TrimmedEmail,
            Language = Languages.Parse(request.Language)!,
            JoinTokenHash = CapabilityToken.Hash(joinToken),
            JoinTokenExpiresAt = end.AddHours(2),
            BookedAt = now,
            ReminderDueAt = ReminderDue(start, now, options),
        };
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> GetMine(
        HttpRequest http, BookingDb db, SlotService slots, ResidentTokens tokens, TimeProvider time, CancellationToken ct)
    {
        var id = await tokens.ResolveAsync(http, TokenPurposes.ManageAppointment, ct);
        if (id is null) return Problems.InvalidToken();
        var appointment = await db.Appointments.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        return TypedResults.Ok(await DescribeAsync(appointment, db, slots, time.GetUtcNow(), ct));
    }

    /// <summary>The consultation of the appointment took place (a clerk took and ended it): it is not moved or cancelled any more.</summary>
    private static Task<bool> HeldAsync(BookingDb db, Guid appointmentId, CancellationToken ct) =>
        db.Consultations.AnyAsync(c => c.AppointmentId == appointmentId, ct);

    private static ProblemHttpResult Held() =>
        Problems.Conflict(new Reason("consultation-held", "The consultation of this appointment has taken place."));

    /// <summary>
    /// Why the appointment cannot be moved or cancelled any more because of its consultation, or null: it was held, or a
    /// clerk has taken it and it has not ended (a new time would void the join link in use, a cancellation would close
    /// the clerk's room in the middle of the conversation).
    /// </summary>
    private static async Task<ProblemHttpResult?> ConsultationRefusalAsync(BookingDb db, Appointment appointment, CancellationToken ct)
    {
        if (await HeldAsync(db, appointment.Id, ct)) return Held();
        if (appointment.ConsultationStartedAt is not null)
            return Problems.Conflict(new Reason("consultation-running", "The consultation of this appointment is under way."));
        return null;
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> CancelMine(
        HttpRequest http, BookingDb db, SlotService slots, ResidentTokens tokens, TimeProvider time, CancellationToken ct)
    {
        var id = await tokens.ResolveAsync(http, TokenPurposes.ManageAppointment, ct);
        if (id is null) return Problems.InvalidToken();
        var appointment = await db.Appointments.FirstAsync(a => a.Id == id, ct);
        var now = time.GetUtcNow();
        if (appointment.Status != AppointmentStatus.Booked) return Problems.Conflict(new Reason("appointment-cancelled", "The appointment is already cancelled."));
        if (appointment.StartAt <= now) return Problems.Conflict(new Reason("appointment-begun", "The appointment has already begun."));
        if (await ConsultationRefusalAsync(db, appointment, ct) is { } refusal) return refusal;

        appointment.Cancel(now);
        db.PendingMails.RemoveRange(await db.PendingMails.Where(m => m.AppointmentId == appointment.Id).ToListAsync(ct));
        db.Publish(new AppointmentCancelled(appointment.Id, appointment.ConcernKey, appointment.DepartmentKey, now, AppointmentCancelled.ByResident));
        await db.SaveChangesAsync(ct);

        return TypedResults.Ok(await DescribeAsync(appointment, db, slots, now, ct));
    }

    public static async Task<Results<Ok<AppointmentDto>, ValidationProblem, ProblemHttpResult>> RebookMine(
        RebookAppointmentRequest request, HttpRequest http, [AsParameters] AppointmentServices services, CancellationToken ct)
    {
        var id = await services.Tokens.ResolveAsync(http, TokenPurposes.ManageAppointment, ct);
        if (id is null) return Problems.InvalidToken();
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var appointment = await services.Db.Appointments.FirstAsync(a => a.Id == id, ct);
        var now = services.Time.GetUtcNow();
        if (appointment.Status != AppointmentStatus.Booked) return Problems.Conflict(new Reason("cancelled-not-movable", "A cancelled appointment cannot be moved; book a new one."));
        if (appointment.StartAt <= now) return Problems.Conflict(new Reason("appointment-begun", "The appointment has already begun."));
        if (await ConsultationRefusalAsync(services.Db, appointment, ct) is { } refusal) return refusal;

        var calendar = await services.Slots.CalendarAsync(appointment.ConcernKey, ct);
        if (calendar is null) return Problems.NotFound(new Reason("concern-gone", "The concern is no longer offered."));
        var start = request.StartAt!.Value.ToUniversalTime();
        if (services.Slots.BeyondHorizon(calendar, start) is { } beyond) return Problems.Field("start", beyond);
        if (!IsOnGrid(calendar, start, now)) return Problems.Field("start", new Reason("not-bookable", "This is not a bookable time for the concern."));
        if (start == appointment.StartAt) return Problems.Field("start", new Reason("same-time", "This is already the time of your appointment."));

        // A fresh join token goes with the new time (the old mail's link must not open the new room early).
        var joinToken = CapabilityToken.Create();
        var manageToken = http.Headers[CapabilityToken.Header].ToString();
        appointment.StartAt = start;
        appointment.EndAt = start + calendar.Concern.Duration;
        appointment.BlockedUntil = appointment.EndAt + calendar.Concern.Buffer;
        appointment.Sequence++;
        appointment.JoinTokenHash = CapabilityToken.Hash(joinToken);
        appointment.JoinTokenExpiresAt = appointment.EndAt.AddHours(2);
        appointment.ReminderDueAt = ReminderDue(start, now, services.Options.Value);
        var manageHash = CapabilityToken.Hash(manageToken);
        var stored = await services.Db.ResidentTokens.FirstAsync(t => t.Hash == manageHash, ct);
        stored.ExpiresAt = appointment.EndAt.AddDays(1);
        services.Db.PendingMails.RemoveRange(await services.Db.PendingMails.Where(m => m.AppointmentId == appointment.Id).ToListAsync(ct));
        AddPendingMails(services.Db, services.Seal, appointment, joinToken, manageToken, MailKinds.Rescheduled, now);
        services.Db.Publish(new AppointmentRescheduled(appointment.Id, appointment.ConcernKey, appointment.DepartmentKey, appointment.StartAt,
            appointment.EndAt, appointment.Sequence, appointment.JoinTokenExpiresAt, now, appointment.JoinTokenHash));

        try
        {
            if (await services.Booker.SaveOnFreeClerkAsync(appointment, calendar.Staff, ct) == BookingOutcome.SlotTaken)
                return await SlotTakenAsync(services.Slots, calendar, start, services.Slots.IsKeptFree(calendar, start) == true, ct);
        }
        catch (BookingBusyException ex)
        {
            return Busy(http.HttpContext.Response, ex);
        }
        return TypedResults.Ok(ToDto(appointment, calendar, now));
    }

    /// <summary>Too many bookings waited for their turn (<see cref="BookingGate"/>): the page sends the booking again after this.</summary>
    private static ProblemHttpResult Busy(HttpResponse response, BookingBusyException ex) =>
        Problems.Busy(response, new Reason("booking-busy", ex.Message), BusyRetryAfterSeconds);

    public const int BusyRetryAfterSeconds = 2;

    /// <summary>Today's appointments of the departments the clerk works for (all of them for an admin).</summary>
    public static async Task<Ok<IReadOnlyList<StaffAppointmentDto>>> Today(
        HttpContext http, BookingDb db, SlotService slots, TimeProvider time, CancellationToken ct)
    {
        var user = http.User;
        var departments = await db.Departments.AsNoTracking().ToListAsync(ct);
        var mine = departments.Where(d => user.CanActFor(d.Key)).ToList();
        var now = time.GetUtcNow();
        var result = new List<StaffAppointmentDto>();
        var staffId = user.StaffId();
        foreach (var department in mine)
        {
            var zone = slots.TimeZoneOf(department);
            var today = SlotCalculator.LocalDate(now, zone);
            var from = SlotCalculator.ToInstant(today, TimeOnly.MinValue, zone);
            var to = SlotCalculator.ToInstant(today.AddDays(1), TimeOnly.MinValue, zone);
            var rows = await db.Appointments.AsNoTracking()
                .Where(a => a.DepartmentKey == department.Key && a.Status == AppointmentStatus.Booked && a.StartAt >= from && a.StartAt < to)
                .Join(db.Concerns, a => a.ConcernKey, c => c.Key, (a, c) => new { a, c })
                .OrderBy(x => x.a.StartAt).ToListAsync(ct);
            result.AddRange(rows.Select(x => new StaffAppointmentDto(x.a.Id, x.a.ConcernKey, x.a.DepartmentKey, Localized.NameOf(x.c),
                x.a.StartAt, x.a.EndAt, x.a.CitizenName, x.a.Language, x.a.StaffId, x.a.StaffId == staffId, x.a.CalledAt, x.a.JoinedAt, zone.Id)));
        }
        return TypedResults.Ok<IReadOnlyList<StaffAppointmentDto>>(result.OrderBy(r => r.Start).ToList());
    }

    private static DateTimeOffset? ReminderDue(DateTimeOffset start, DateTimeOffset now, BookingOptions options)
    {
        var due = start - options.ReminderLead;
        return due > now ? due : null;
    }

    internal static void AddPendingMails(BookingDb db, LinkSeal seal, Appointment appointment, string joinToken, string manageToken, string kind, DateTimeOffset now)
    {
        foreach (var mailKind in appointment.ReminderDueAt is null ? [kind] : new[] { kind, MailKinds.Reminder })
        {
            db.PendingMails.Add(new PendingMail
            {
                Id = Guid.CreateVersion7(), AppointmentId = appointment.Id, Kind = mailKind, CreatedAt = now,
                JoinToken = seal.Seal(joinToken, appointment.Id, mailKind), ManageToken = seal.Seal(manageToken, appointment.Id, mailKind),
            });
        }
    }

    /// <summary>Whether a start time lies on the concern's grid of appointment hours (free or not).</summary>
    private static bool IsOnGrid(ConcernCalendar calendar, DateTimeOffset start, DateTimeOffset now)
    {
        if (start <= now) return false;
        var day = calendar.LocalDate(start);
        return SlotCalculator.Compute(new SlotRequest(calendar.TimeZone, calendar.AppointmentHours, calendar.Closures,
                calendar.Concern.Duration, calendar.Concern.Buffer, calendar.Staff, [], day, day, now))
            .Any(s => s.Start == start);
    }

    /// <param name="listedFree">Whether the kept free slots showed the time free when the booking was tried.</param>
    private static async Task<ProblemHttpResult> SlotTakenAsync(SlotService slots, ConcernCalendar calendar, DateTimeOffset start, bool listedFree,
        CancellationToken ct)
    {
        if (listedFree) slots.KeptFreeSlotsBehind();
        var next = await slots.NextFreeAsync(calendar, start, 5, ct);
        return Problems.Conflict(new Reason("slot-taken", "This time has just been taken. Please choose another one."),
            new Dictionary<string, object?> { ["nextSlots"] = next.Select(SlotDto.From).ToList() });
    }

    internal static AppointmentDto ToDto(Appointment a, ConcernCalendar calendar, DateTimeOffset now) => ToDto(a, calendar.Concern, calendar.TimeZone, now, offered: true, held: false);

    /// <summary>
    /// The appointment as its resident sees it. <paramref name="offered"/>: its concern is still offered, so it can be
    /// moved; <paramref name="held"/>: its consultation took place (status "held"), so nothing can be changed; nor while
    /// a clerk holds it (status "running").
    /// </summary>
    private static AppointmentDto ToDto(Appointment a, Concern concern, TimeZoneInfo zone, DateTimeOffset now, bool offered, bool held)
    {
        var running = !held && a.ConsultationStartedAt is not null;
        var canChange = a.Status == AppointmentStatus.Booked && a.StartAt > now && !held && !running;
        var status = a.Status != AppointmentStatus.Booked ? a.Status : held ? "held" : running ? "running" : a.Status;
        return new(a.Id, a.ConcernKey, a.DepartmentKey, Localized.NameOf(concern),
            LocalizedList.DocumentsOf(concern), a.StartAt, a.EndAt, zone.Id, status, a.Sequence,
            a.CitizenName, a.Email, a.Language, canChange, canChange && offered);
    }

    /// <summary>
    /// The appointment as its resident sees it; one of a concern no longer offered can still be looked up and cancelled,
    /// not moved (<see cref="AppointmentDto.CanMove"/> says so, and a move answers "concern-gone", as RebookMine does).
    /// </summary>
    private static async Task<AppointmentDto> DescribeAsync(Appointment appointment, BookingDb db, SlotService slots, DateTimeOffset now, CancellationToken ct)
    {
        var offered = await slots.CalendarAsync(appointment.ConcernKey, ct) is not null;
        var (concern, _, zone) = await slots.ConcernOfAsync(appointment, ct);
        return ToDto(appointment, concern, zone, now, offered, await HeldAsync(db, appointment.Id, ct));
    }
}
