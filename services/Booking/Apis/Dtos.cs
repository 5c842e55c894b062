using Municipal.Booking.Model;
using Municipal.Booking.Slots;
using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>The city's names of a concern or department, as <see cref="LocalizedText"/> (an untranslated language is null).</summary>
public static class Localized
{
    public static LocalizedText NameOf(Concern c) => LocalizedText.Given(c.NameDe, c.NameEn, c.NameFr, c.NameIt);

    public static LocalizedText NameOf(Department d) => LocalizedText.Given(d.NameDe, d.NameEn, d.NameFr, d.NameIt);
}

/// <summary>A city list (the documents to bring) in each language: as <see cref="LocalizedText"/>, an untranslated language is null.</summary>
public sealed record LocalizedList(IReadOnlyList<string> De, IReadOnlyList<string>? En, IReadOnlyList<string>? Fr, IReadOnlyList<string>? It)
{
    public static LocalizedList DocumentsOf(Concern c) => new(c.DocumentsDe, Given(c.DocumentsEn), Given(c.DocumentsFr), Given(c.DocumentsIt));

    private static IReadOnlyList<string>? Given(IReadOnlyList<string> list) => list.Count == 0 ? null : list;
}

public sealed record OpeningRange(DayOfWeek Day, string Opens, string Closes)
{
    public static IReadOnlyList<OpeningRange> Of(IEnumerable<OpeningHour> hours, string kind) => hours.Where(h => h.Kind == kind)
        .OrderBy(h => h.DayOfWeek).ThenBy(h => h.Opens).Select(h => new OpeningRange(h.DayOfWeek, h.Opens.ToString("HH:mm"), OpeningHour.FormatCloses(h.Closes))).ToList();
}

public sealed record ConcernDto(
    string Key,
    string DepartmentKey,
    LocalizedText Name,
    LocalizedText Description,
    int DurationMinutes,
    int BufferMinutes,
    IReadOnlyList<string> Channels,
    LocalizedList Documents,
    bool NeedsIdentityCheck,
    bool NeedsSignature,
    bool Active,
    bool? Staffed = null)
{
    public static ConcernDto From(Concern c) => new(c.Key, c.DepartmentKey, Localized.NameOf(c),
        LocalizedText.Given(c.DescriptionDe, c.DescriptionEn, c.DescriptionFr, c.DescriptionIt),
        c.DurationMinutes, c.BufferMinutes, c.Channels, LocalizedList.DocumentsOf(c), c.NeedsIdentityCheck, c.NeedsSignature, c.Active);

    /// <summary>
    /// With <see cref="Staffed"/>: whether any clerk is assigned to the concern. The live queue takes no one for a
    /// concern nobody handles, so the start page does not offer "talk to us now" for it (it offered it, and the queue
    /// then refused the resident's name and address as "closed").
    /// </summary>
    public static ConcernDto From(ConcernCalendar? calendar, Concern c) => From(c) with { Staffed = calendar?.Staff.Count > 0 };
}

/// <summary>A department as residents see it: <c>OpeningHours</c> are the live counter's, <c>AppointmentHours</c> when slots can be booked.</summary>
public sealed record DepartmentDto(
    string Key,
    LocalizedText Name,
    string TimeZone,
    bool OpenNow,
    IReadOnlyList<OpeningRange> OpeningHours,
    IReadOnlyList<ConcernDto> Concerns,
    IReadOnlyList<OpeningRange> AppointmentHours);

public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, int Free)
{
    public static SlotDto From(Slot s) => new(s.Start, s.End, s.Free);
}

/// <param name="BookableUntil">The last day on which a slot may be booked (<c>Booking:HorizonDays</c> after today): a picker offers no later week.</param>
public sealed record SlotsDto(string ConcernKey, string TimeZone, DateOnly From, DateOnly To, DateOnly BookableUntil, IReadOnlyList<SlotDto> Slots);

public sealed record AppointmentDto(
    Guid Id,
    string ConcernKey,
    string DepartmentKey,
    LocalizedText ConcernName,
    LocalizedList Documents,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    string Status,
    int Sequence,
    string CitizenName,
    string Email,
    string Language,
    bool CanChange,
    bool CanMove);

/// <summary>The answer to a booking: the appointment and the link to manage it (the token only in the fragment).</summary>
public sealed record BookedDto(AppointmentDto Appointment, string ManageToken, string ManageUrl, DateTimeOffset ManageTokenExpiresAt);

public sealed record StaffAppointmentDto(
    Guid Id,
    string ConcernKey,
    string DepartmentKey,
    LocalizedText ConcernName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string CitizenName,
    string Language,
    Guid StaffId,
    bool Mine,
    DateTimeOffset? CalledAt,
    DateTimeOffset? JoinedAt,
    // The department's IANA zone: its clerks read the times as the resident booked them, whatever the city's zone.
    string TimeZone);
