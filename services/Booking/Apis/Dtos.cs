using Municipal.Booking.Model;
using Municipal.Booking.Slots;

namespace Municipal.Booking.Apis;

public sealed record Localized(string De, string En);

public sealed record LocalizedList(IReadOnlyList<string> De, IReadOnlyList<string> En);

public sealed record OpeningRange(DayOfWeek Day, string Opens, string Closes)
{
    public static IReadOnlyList<OpeningRange> Of(IEnumerable<OpeningHour> hours, string kind) => hours.Where(h => h.Kind == kind)
        .OrderBy(h => h.DayOfWeek).ThenBy(h => h.Opens).Select(h => new OpeningRange(h.DayOfWeek, h.Opens.ToString("HH:mm"), h.Closes.ToString("HH:mm"))).ToList();
}

public sealed record ConcernDto(
    string Key,
    string DepartmentKey,
    Localized Name,
    Localized Description,
    int DurationMinutes,
    int BufferMinutes,
    IReadOnlyList<string> Channels,
    LocalizedList Documents,
    bool NeedsIdentityCheck,
    bool NeedsSignature,
    string? FormId,
    bool Active)
{
    public static ConcernDto From(Concern c) => new(c.Key, c.DepartmentKey, new(c.NameDe, c.NameEn), new(c.DescriptionDe, c.DescriptionEn),
        c.DurationMinutes, c.BufferMinutes, c.Channels, new(c.DocumentsDe, c.DocumentsEn), c.NeedsIdentityCheck, c.NeedsSignature, c.FormId, c.Active);
}

/// <summary>A department as residents see it: <c>OpeningHours</c> are the live counter's, <c>AppointmentHours</c> when slots can be booked.</summary>
public sealed record DepartmentDto(
    string Key,
    Localized Name,
    string TimeZone,
    bool OpenNow,
    IReadOnlyList<OpeningRange> OpeningHours,
    IReadOnlyList<ConcernDto> Concerns,
    IReadOnlyList<OpeningRange> AppointmentHours);

public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, int Free)
{
    public static SlotDto From(Slot s) => new(s.Start, s.End, s.Free);
}

public sealed record SlotsDto(string ConcernKey, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<SlotDto> Slots);

public sealed record BookAppointmentRequest(string? ConcernKey, DateTimeOffset? Start, string? Name, string? Email, string? Language);

public sealed record RebookAppointmentRequest(DateTimeOffset? Start);

public sealed record AppointmentDto(
    Guid Id,
    string ConcernKey,
    string DepartmentKey,
    Localized ConcernName,
    LocalizedList Documents,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    string Status,
    int Sequence,
    string CitizenName,
    string Email,
    string Language,
    bool CanChange);

/// <summary>The answer to a booking: the appointment and the link to manage it (the token only in the fragment).</summary>
public sealed record BookedDto(AppointmentDto Appointment, string ManageToken, string ManageUrl, DateTimeOffset ManageTokenExpiresAt);

public sealed record StaffAppointmentDto(
    Guid Id,
    string ConcernKey,
    string DepartmentKey,
    Localized ConcernName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string CitizenName,
    string Language,
    Guid StaffId,
    bool Mine,
    DateTimeOffset? CalledAt,
    DateTimeOffset? JoinedAt);
