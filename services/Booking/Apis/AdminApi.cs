using Municipal.Booking.Consumers;
using Municipal.ServiceDefaults.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Booking.Apis;

/// <summary>Administration of departments, concerns, opening hours, closures and clerks' skills (admins only).</summary>
public static partial class AdminApi
{
    private static readonly string[] KnownChannels = ["chat", "video"];
    private const int MaxNameLength = 200;
    private const int MaxDocuments = 20;
    private const int MaxDescriptionLength = 2_000;
    // A place in the lists residents read. Unbounded, int.MaxValue made the next department added without a place
    // overflow to int.MinValue (last + 1) and open every start page (probe, 2026-12-07).
    private const int MaxSortOrder = 9_999;
    private const int MaxStaffNameLength = 100;

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(StaffPolicies.Admin);
        admin.MapGet("/departments", ListDepartments);
        admin.MapPut("/departments/{key}", PutDepartment);
        admin.MapPut("/departments/{key}/opening-hours", PutOpeningHours);
        admin.MapPut("/departments/{key}/appointment-hours", PutAppointmentHours);
        admin.MapPut("/concerns/{key}", PutConcern);
        admin.MapGet("/closures", ListClosures);
        admin.MapPost("/closures", AddClosure);
        admin.MapDelete("/closures/{id:int}", DeleteClosure);
        admin.MapGet("/staff", ListStaff);
        admin.MapPut("/staff/{id:guid}", PutStaff);
        admin.MapDelete("/staff/{id:guid}", DeleteStaff);
        return api;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    public static async Task<Ok<IReadOnlyList<AdminDepartmentDto>>> ListDepartments(BookingDb db, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Key).ToListAsync(ct);
        var hours = await db.OpeningHours.AsNoTracking().OrderBy(h => h.DayOfWeek).ThenBy(h => h.Opens).ToListAsync(ct);
        var concerns = await db.Concerns.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Key).ToListAsync(ct);
        IReadOnlyList<AdminDepartmentDto> result = departments.Select(d => new AdminDepartmentDto(d.Key, Localized.NameOf(d), d.TimeZone,
            d.MailboxEmail, d.SortOrder,
            OpeningRange.Of(hours.Where(h => h.DepartmentKey == d.Key), HoursKinds.Live),
            concerns.Where(c => c.DepartmentKey == d.Key).Select(ConcernDto.From).ToList(),
            OpeningRange.Of(hours.Where(h => h.DepartmentKey == d.Key), HoursKinds.Appointments), d.StaffLanguage)).ToList();
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> PutDepartment(string key, DepartmentRequest request, BookingDb db,
        SlotService slots, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!Slug().IsMatch(key) || key.Length > 60) errors["key"] = Reasons.Slug;
        CheckNames(errors, "name", request.NameDe, request.NameEn, request.NameFr, request.NameIt);
        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? "Europe/Zurich" : request.TimeZone.Trim();
        // Only an IANA name: it is handed to every resident's browser (Intl.DateTimeFormat), which knows no Windows
        // names ("W. Europe Standard Time" is found by .NET on Linux too, and would make the booking pages throw).
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId || !TimeZoneInfo.TryConvertIanaIdToWindowsId(zone, out _))
            errors["timeZone"] = new Reason("time-zone", "Unknown time zone (use an IANA name such as Europe/Zurich).");
        if (string.IsNullOrWhiteSpace(request.MailboxEmail) || !EmailAddresses.IsValid(request.MailboxEmail.Trim()))
            errors["mailboxEmail"] = new Reason("mailbox-required", "Enter the department's central mailbox address.");
        CheckSortOrder(errors, request.SortOrder);
        // A bilingual city's department may be written to in its own language; Leichte Sprache is the residents'.
        var staffLanguage = request.StaffLanguage?.Trim();
        if (staffLanguage is { Length: > 0 } && !CityLanguage.IsStaffLanguage(staffLanguage))
            errors["staffLanguage"] = new Reason("staff-language", "Use 'de', 'fr', 'it' or 'en', or leave it empty for the city's staff language.");
        if (errors.Count > 0) return Problems.Fields(errors);

        var department = await db.Departments.FirstOrDefaultAsync(d => d.Key == key, ct);
        if (department is null)
        {
            // A department added without a place goes to the end of the list, not before the city's own (it came first,
            // with 0, on every start page: the admin's walk of 2026-12-07 pushed the residents' office down).
            var last = await db.Departments.MaxAsync(d => (int?)d.SortOrder, ct) ?? 0;
            department = new Department { Key = key, NameDe = "", NameEn = "", MailboxEmail = "", SortOrder = last + 1 };
            db.Departments.Add(department);
        }
        else if (slots.TimeZoneOf(department).Id != zone)
        {
            // An appointment is an instant: read in another zone, a booked 09:00 became 03:00 on the resident's page and
            // in the mails, off the new hours (probe, 2026-12-06). The zone changes only while none is booked ahead.
            var booked = await AheadAsync(db, key, time.GetUtcNow(), ct);
            if (booked.Count > 0)
                return AffectedProblem(new Reason("zone-has-appointments",
                    $"{booked.Count} booked appointment(s) of the department lie ahead; their times would change with the zone. Change it when none is booked, or create a new department.")
                    .With("count", booked.Count), booked);
        }
        // A translation left out of the request stays as it is (a client that knows only some languages keeps the
        // others); an empty one is cleared, and residents then read the fallback.
        department.NameDe = request.NameDe!.Trim();
        department.NameEn = request.NameEn?.Trim() ?? department.NameEn;
        department.NameFr = request.NameFr?.Trim() ?? department.NameFr;
        department.NameIt = request.NameIt?.Trim() ?? department.NameIt;
        department.TimeZone = zone;
        department.MailboxEmail = request.MailboxEmail!.Trim();
        department.SortOrder = request.SortOrder ?? department.SortOrder;
        department.StaffLanguage = staffLanguage ?? department.StaffLanguage;
        // The document intake keeps the department's inbox (its mailbox, its place in "hand on") from this.
        db.Publish(DepartmentDirectory.Changed(department, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok();
    }

    /// <summary>Replaces the weekly pattern of a department's live counter ("talk to us now").</summary>
    public static Task<Results<Ok, ValidationProblem, ProblemHttpResult>> PutOpeningHours(
        string key, IReadOnlyList<OpeningRangeRequest> ranges, BookingDb db, CancellationToken ct) =>
        ReplaceHoursAsync(key, HoursKinds.Live, ranges, db, ct);

    /// <summary>
    /// Replaces the weekly pattern in which residents can book appointments; it may differ from the live hours. Booked
    /// appointments the new hours leave out stay booked (the clerk's time was promised), but only when the admin says so
    /// (<paramref name="keepAppointments"/>): the first answer lists them (probe, 2026-12-06: the change was silent).
    /// </summary>
    public static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> PutAppointmentHours(
        string key, IReadOnlyList<OpeningRangeRequest> ranges, [FromQuery] bool? keepAppointments, [AsParameters] CalendarServices services,
        CancellationToken ct) =>
        await ReplaceHoursAsync(key, HoursKinds.Appointments, ranges, services.Db, ct, async parsed =>
        {
            if (keepAppointments == true) return null;
            var department = await services.Db.Departments.AsNoTracking().FirstAsync(d => d.Key == key, ct);
            var zone = services.Slots.TimeZoneOf(department);
            var outside = (await AheadAsync(services.Db, key, services.Time.GetUtcNow(), ct)).Where(a => !Within(parsed, a, zone)).ToList();
            return outside.Count == 0 ? null : AffectedProblem(new Reason("hours-leave-appointments",
                $"{outside.Count} booked appointment(s) lie outside the new hours; save with keepAppointments=true to keep them booked.").With("count", outside.Count), outside);
        });

    /// <summary>Whether an appointment lies, start to end, in one of the ranges of its weekday (in the department's zone).</summary>
    private static bool Within(List<OpeningHour> ranges, Appointment appointment, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(appointment.StartAt, zone);
        var date = DateOnly.FromDateTime(start.DateTime);
        return ranges.Any(r => r.DayOfWeek == start.DayOfWeek && SlotCalculator.ToInstant(date, r.Opens, zone) <= appointment.StartAt
            && appointment.EndAt <= SlotCalculator.EndInstant(date, r.Closes, zone));
    }

    /// <summary>The department's booked appointments not yet begun nor called, soonest first.</summary>
    private static Task<List<Appointment>> AheadAsync(BookingDb db, string departmentKey, DateTimeOffset now, CancellationToken ct) =>
        db.Appointments.AsNoTracking()
            .Where(a => a.DepartmentKey == departmentKey && a.Status == AppointmentStatus.Booked && a.StartAt > now && a.CalledAt == null)
            .OrderBy(a => a.StartAt).ToListAsync(ct);

    /// <summary>A 409 with the appointments a change would touch, each as the admin page lists it.</summary>
    private static ProblemHttpResult AffectedProblem(Reason reason, IEnumerable<Appointment> appointments) =>
        Problems.Conflict(reason, new Dictionary<string, object?>
        {
            ["appointments"] = appointments.Select(a => new AffectedAppointment(a.Id, a.ConcernKey, a.DepartmentKey, a.StartAt, a.CitizenName)).ToList(),
        });

    /// <summary>Several ranges per day, none overlapping; the change applies to the next request (nothing is cached).</summary>
    /// <param name="refusal">For the parsed ranges, a problem that stops the change, or null.</param>
    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ReplaceHoursAsync(
        string key, string kind, IReadOnlyList<OpeningRangeRequest> ranges, BookingDb db, CancellationToken ct,
        Func<List<OpeningHour>, Task<ProblemHttpResult?>>? refusal = null)
    {
        if (!await db.Departments.AnyAsync(d => d.Key == key, ct)) return Problems.NotFound(new Reason("no-department", $"No department '{key}'.").With("key", key));
        var parsed = new List<OpeningHour>();
        for (var i = 0; i < ranges.Count; i++)
        {
            // A null in the list ([null]) is a range without a day.
            if (ranges[i] is not { Day: { } day } r || !Enum.IsDefined(day)) return Problems.Field($"[{i}].day", new Reason("weekday", "Use a weekday 0 (Sunday) to 6 (Saturday)."));
            if (!TimeOnly.TryParseExact(r.Opens, "HH:mm", out var opens)) return Problems.Field($"[{i}].opens", new Reason("time-format", "Use a time like 08:00.").With("example", "08:00"));
            if (!OpeningHour.TryParseCloses(r.Closes, out var closes)) return Problems.Field($"[{i}].closes", new Reason("time-format", "Use a time like 12:00 (24:00 for midnight).").With("example", "12:00"));
            // A range past midnight (22:00-02:00) is two: until 24:00, and from 00:00 on the next day.
            if (closes <= opens.ToTimeSpan()) return Problems.Field($"[{i}].closes", new Reason("closes-before-opens", "Closing must be after opening, at 24:00 at the latest. Past midnight: until 24:00, and from 00:00 on the next day."));
            if (parsed.Any(p => p.DayOfWeek == day && p.Opens.ToTimeSpan() < closes && opens.ToTimeSpan() < p.Closes))
                return Problems.Field($"[{i}].opens", new Reason("ranges-overlap", "Ranges on the same day must not overlap."));
            parsed.Add(new OpeningHour { DepartmentKey = key, Kind = kind, DayOfWeek = day, Opens = opens, Closes = closes });
        }
        if (refusal is not null && await refusal(parsed) is { } refused) return refused;
        db.OpeningHours.RemoveRange(await db.OpeningHours.Where(h => h.DepartmentKey == key && h.Kind == kind).ToListAsync(ct));
        db.OpeningHours.AddRange(parsed);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok();
    }

    public static async Task<Results<Ok<ConcernDto>, ValidationProblem>> PutConcern(string key, ConcernRequest request, BookingDb db, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!Slug().IsMatch(key) || key.Length > 60) errors["key"] = Reasons.Slug;
        if (request.DepartmentKey is null || !await db.Departments.AnyAsync(d => d.Key == request.DepartmentKey, ct))
            errors["departmentKey"] = new Reason("department-required", "Choose an existing department.");
        CheckNames(errors, "name", request.NameDe, request.NameEn, request.NameFr, request.NameIt);
        if (request.DurationMinutes is not (>= 5 and <= 240)) errors["durationMinutes"] = new Reason("duration-range", "Use 5 to 240 minutes.").With("min", 5).With("max", 240);
        if (request.BufferMinutes is not null and not (>= 0 and <= 120)) errors["bufferMinutes"] = new Reason("buffer-range", "Use 0 to 120 minutes.").With("min", 0).With("max", 120);
        CheckDescriptions(errors, request.DescriptionDe, request.DescriptionEn, request.DescriptionFr, request.DescriptionIt);
        CheckDocuments(errors, request.DocumentsDe, request.DocumentsEn, request.DocumentsFr, request.DocumentsIt);
        var channels = request.Channels?.Distinct().ToList() ?? ["chat", "video"];
        if (channels.Count == 0 || channels.Any(c => !KnownChannels.Contains(c))) errors["channels"] = new Reason("channels", "Use 'chat' and/or 'video'.");
        CheckSortOrder(errors, request.SortOrder);
        if (errors.Count > 0) return Problems.Fields(errors);

        var concern = await db.Concerns.FirstOrDefaultAsync(c => c.Key == key, ct);
        if (concern is null)
        {
            // As a department: a concern added without a place goes after its department's others.
            var last = await db.Concerns.Where(c => c.DepartmentKey == request.DepartmentKey).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
            concern = new Concern { Key = key, DepartmentKey = request.DepartmentKey!, NameDe = "", NameEn = "", SortOrder = last + 1 };
            db.Concerns.Add(concern);
        }
        else if (concern.DepartmentKey != request.DepartmentKey)
        {
            // Clerks' skills belong to a department; moving a concern would leave them pointing at the wrong one.
            return Problems.Field("departmentKey", new Reason("department-fixed", "A concern cannot move to another department; create a new one."));
        }
        // As for departments: a left-out translation stays, an empty one is cleared.
        concern.NameDe = request.NameDe!.Trim();
        concern.NameEn = request.NameEn?.Trim() ?? concern.NameEn;
        concern.NameFr = request.NameFr?.Trim() ?? concern.NameFr;
        concern.NameIt = request.NameIt?.Trim() ?? concern.NameIt;
        concern.DescriptionDe = request.DescriptionDe?.Trim() ?? "";
        concern.DescriptionEn = request.DescriptionEn?.Trim() ?? "";
        concern.DescriptionFr = request.DescriptionFr?.Trim() ?? concern.DescriptionFr;
        concern.DescriptionIt = request.DescriptionIt?.Trim() ?? concern.DescriptionIt;
        concern.DurationMinutes = request.DurationMinutes!.Value;
        concern.BufferMinutes = request.BufferMinutes ?? 0;
        concern.Channels = channels;
        concern.DocumentsDe = Clean(request.DocumentsDe);
        concern.DocumentsEn = Clean(request.DocumentsEn);
        concern.DocumentsFr = request.DocumentsFr is null ? concern.DocumentsFr : Clean(request.DocumentsFr);
        concern.DocumentsIt = request.DocumentsIt is null ? concern.DocumentsIt : Clean(request.DocumentsIt);
        concern.NeedsIdentityCheck = request.NeedsIdentityCheck ?? false;
        concern.NeedsSignature = request.NeedsSignature ?? false;
        concern.Active = request.Active ?? true;
        concern.SortOrder = request.SortOrder ?? concern.SortOrder;
        db.Publish(DepartmentDirectory.Changed(concern, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ConcernDto.From(concern));
    }

    public static async Task<Ok<IReadOnlyList<ClosureDto>>> ListClosures(BookingDb db, CancellationToken ct)
    {
        var closures = await db.Closures.AsNoTracking().OrderBy(c => c.Date).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ClosureDto>>(closures.Select(ToDto).ToList());
    }

    public static async Task<Results<Created<ClosureDto>, ValidationProblem, ProblemHttpResult>> AddClosure(
        ClosureRequest request, BookingDb db, SlotService slots, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.DepartmentKey is not null && !await db.Departments.AnyAsync(d => d.Key == request.DepartmentKey, ct))
            errors["departmentKey"] = new Reason("department-or-city", "Choose an existing department, or none for the whole city.");
        var now = time.GetUtcNow();
        if (request.Date is null) errors["date"] = new Reason("date-required", "Enter the date.");
        // A closure shapes the days to come; one in the past closes nothing (the probe added 1950-01-01). Measured from
        // yesterday in UTC, so that no department's zone, ahead of UTC or behind it, is refused its own today.
        else if (request.Date < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1)) errors["date"] = new Reason("closure-past", "A closure lies today or later.");
        CheckNames(errors, "reason", request.ReasonDe, request.ReasonEn, request.ReasonFr, request.ReasonIt);
        if (errors.Count > 0) return Problems.Fields(errors);
        if (await db.Closures.AnyAsync(c => c.DepartmentKey == request.DepartmentKey && c.Date == request.Date, ct))
            return Problems.Conflict(new Reason("closure-exists", "There is already a closure on that day."));

        var closure = new Closure
        {
            DepartmentKey = request.DepartmentKey, Date = request.Date!.Value, ReasonDe = request.ReasonDe!.Trim(),
            ReasonEn = request.ReasonEn?.Trim() ?? "", ReasonFr = request.ReasonFr?.Trim() ?? "", ReasonIt = request.ReasonIt?.Trim() ?? "",
        };
        // Appointments booked on the day would stay "booked" at a closed counter, their residents never told.
        var affected = await AppointmentsOnAsync(db, slots, closure.DepartmentKey, closure.Date, now, ct);
        if (affected.Count > 0 && request.CancelAppointments != true)
            return AffectedProblem(new Reason("closure-has-appointments", $"{affected.Count} booked appointment(s) lie on that day; cancel them with the closure or choose another day.")
                .With("count", affected.Count), affected);
        foreach (var appointment in affected) CancelForClosure(db, appointment, now);
        var ids = affected.Select(a => a.Id).ToList();
        if (ids.Count > 0) db.PendingMails.RemoveRange(await db.PendingMails.Where(m => ids.Contains(m.AppointmentId)).ToListAsync(ct));
        db.Closures.Add(closure);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Municipal.ServiceDefaults.Data.DatabaseErrors.IsUniqueViolation(e))
        {
            // The same day added by a request running beside this one, after the look above.
            return Problems.Conflict(new Reason("closure-exists", "There is already a closure on that day."));
        }
        return TypedResults.Created($"/api/booking/admin/closures/{closure.Id}", ToDto(closure));
    }

    /// <summary>
    /// The booked appointments of the day in the department (every department for a city-wide closure), each day taken in
    /// its department's zone; one already begun or whose room a clerk has taken is under way and not the closure's to cancel.
    /// </summary>
    private static async Task<List<Appointment>> AppointmentsOnAsync(BookingDb db, SlotService slots, string? departmentKey, DateOnly date, DateTimeOffset now, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => departmentKey == null || d.Key == departmentKey).ToListAsync(ct);
        var found = new List<Appointment>();
        foreach (var department in departments)
        {
            var zone = slots.TimeZoneOf(department);
            var (from, to) = (SlotCalculator.ToInstant(date, TimeOnly.MinValue, zone), SlotCalculator.ToInstant(date.AddDays(1), TimeOnly.MinValue, zone));
            found.AddRange(await db.Appointments
                .Where(a => a.DepartmentKey == department.Key && a.Status == AppointmentStatus.Booked && a.StartAt >= from && a.StartAt < to
                    && a.StartAt > now && a.CalledAt == null)
                .OrderBy(a => a.StartAt).ToListAsync(ct));
        }
        return found;
    }

    /// <summary>As a resident's own cancellation, but in the closure's name: the mail says why and where to book anew.</summary>
    private static void CancelForClosure(BookingDb db, Appointment appointment, DateTimeOffset now)
    {
        appointment.Cancel(now);
        db.Publish(new AppointmentCancelled(appointment.Id, appointment.ConcernKey, appointment.DepartmentKey, now, AppointmentCancelled.ByClosure));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteClosure(int id, BookingDb db, CancellationToken ct) =>
        await db.Closures.Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : Problems.NotFound(new Reason("no-closure", $"No closure {id}."));

    public static async Task<Ok<IReadOnlyList<StaffSkillsDto>>> ListStaff(BookingDb db, CancellationToken ct)
    {
        var rows = await db.StaffSkills.AsNoTracking().OrderBy(s => s.StaffName).ThenBy(s => s.ConcernKey).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<StaffSkillsDto>>(rows.GroupBy(s => s.StaffId)
            .Select(g => new StaffSkillsDto(g.Key, g.First().StaffName, g.First().DepartmentKey, g.Select(s => s.ConcernKey).ToList())).ToList());
    }

    /// <summary>Replaces a clerk's skills; every concern must belong to the clerk's department.</summary>
    public static async Task<Results<Ok<StaffSkillsDto>, ValidationProblem>> PutStaff(Guid id, StaffSkillsRequest request, BookingDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        // Skills belong to a staff account; the empty id is none (the probe gave it skills).
        if (id == Guid.Empty) errors["id"] = Reasons.NotAnId;
        if (string.IsNullOrWhiteSpace(request.StaffName)) errors["staffName"] = new Reason("clerk-name-required", "Enter the clerk's name.");
        // The name the staff account has (at most as long, no link): the probe stored 50 000 characters and "www.evil.com".
        else if (request.StaffName.Trim().Length > MaxStaffNameLength) errors["staffName"] = Reasons.TooLong(MaxStaffNameLength);
        else if (InputText.PersonNameProblem(request.StaffName.Trim()) is { } nameProblem) errors["staffName"] = nameProblem;
        if (request.DepartmentKey is null || !await db.Departments.AnyAsync(d => d.Key == request.DepartmentKey, ct))
            errors["departmentKey"] = new Reason("department-required", "Choose an existing department.");
        var keys = request.ConcernKeys?.Distinct().ToList() ?? [];
        var known = await db.Concerns.Where(c => keys.Contains(c.Key) && c.DepartmentKey == request.DepartmentKey).Select(c => c.Key).ToListAsync(ct);
        if (known.Count != keys.Count) errors["concernKeys"] = new Reason("unknown-concerns", $"Unknown or not in the department: {string.Join(", ", keys.Except(known))}.").With("keys", string.Join(", ", keys.Except(known)));
        if (errors.Count > 0) return Problems.Fields(errors);

        db.StaffSkills.RemoveRange(await db.StaffSkills.Where(s => s.StaffId == id).ToListAsync(ct));
        db.StaffSkills.AddRange(keys.Select(k => new StaffSkill { StaffId = id, ConcernKey = k, StaffName = request.StaffName!.Trim(), DepartmentKey = request.DepartmentKey! }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new StaffSkillsDto(id, request.StaffName!.Trim(), request.DepartmentKey!, keys));
    }

    public static async Task<NoContent> DeleteStaff(Guid id, BookingDb db, CancellationToken ct)
    {
        await db.StaffSkills.Where(s => s.StaffId == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The documents to bring, per language: a short list of short lines (each is a bullet in a mail and on the start page).</summary>
    private static void CheckDocuments(FieldErrors errors, params IReadOnlyList<string>?[] lists)
    {
        for (var i = 0; i < lists.Length; i++)
        {
            var field = "documents" + new[] { "De", "En", "Fr", "It" }[i];
            if (lists[i]?.Count > MaxDocuments)
                errors[field] = new Reason("too-many-documents", $"List at most {MaxDocuments} documents.").With("max", MaxDocuments);
            else if (lists[i]?.Any(d => d is null || d.Trim().Length > MaxNameLength) == true)
                errors[field] = new Reason("document-too-long", $"Use at most {MaxNameLength} characters per document.").With("max", MaxNameLength);
            // Each document is one line of a mail's list.
            else if (lists[i]?.Select(d => InputText.Refusal(d, singleLine: true)).FirstOrDefault(r => r is not null) is { } refusal)
                errors[field] = refusal;
        }
    }

    private static void CheckSortOrder(FieldErrors errors, int? sortOrder)
    {
        if (sortOrder is < 0 or > MaxSortOrder)
            errors["sortOrder"] = new Reason("sort-order-range", $"Use a place from 0 to {MaxSortOrder}.").With("min", 0).With("max", MaxSortOrder);
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList() ?? [];

    private static ClosureDto ToDto(Closure c) => new(c.Id, c.DepartmentKey, c.Date, LocalizedText.Given(c.ReasonDe, c.ReasonEn, c.ReasonFr, c.ReasonIt));

    /// <summary>
    /// The city's own text in four languages: German is required (every other language falls back to it), the others
    /// may stay empty until translated; none longer than a name or reason should be.
    /// </summary>
    private static void CheckNames(FieldErrors errors, string field, string? de, string? en, string? fr, string? it)
    {
        if (string.IsNullOrWhiteSpace(de))
        {
            errors[$"{field}De"] = field == "name"
                ? new Reason("german-name-required", "Enter the German name.")
                : new Reason("german-reason-required", "Enter the reason in German.");
        }
        foreach (var (suffix, text) in new[] { ("De", de), ("En", en), ("Fr", fr), ("It", it) })
        {
            if (text?.Trim().Length > MaxNameLength) errors[$"{field}{suffix}"] = Reasons.TooLong(MaxNameLength);
            // A name goes into mail subjects and calendar files, a closure's reason into the mail of an appointment it
            // cancels: one line (the input guard knows nameFr & co. as text).
            else if (InputText.Refusal(text, singleLine: true) is { } refusal) errors[$"{field}{suffix}"] = refusal;
        }
    }

    /// <summary>
    /// A concern's descriptions are served to every resident's start page with the catalogue: a few paragraphs at most
    /// (the probe stored 4 × 100 KB), and none of the invisible controls that show text as other than it is.
    /// </summary>
    private static void CheckDescriptions(FieldErrors errors, string? de, string? en, string? fr, string? it)
    {
        foreach (var (suffix, text) in new[] { ("De", de), ("En", en), ("Fr", fr), ("It", it) })
        {
            if (text?.Trim().Length > MaxDescriptionLength) errors[$"description{suffix}"] = Reasons.TooLong(MaxDescriptionLength);
            else if (InputText.DirectionOverrideRefusal(text) is { } refusal) errors[$"description{suffix}"] = refusal;
        }
    }
}
