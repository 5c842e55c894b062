using Municipal.ServiceDefaults;

namespace Municipal.Booking.Apis;

/// <summary>
/// German is required; English, French and Italian may stay empty (residents then read the city's default language).
/// <c>StaffLanguage</c>: the language its mailbox is written to in (de, fr, it, en), empty for the city's.
/// </summary>
public sealed record DepartmentRequest(string? NameDe, string? NameEn, string? TimeZone, string? MailboxEmail, int? SortOrder, string? NameFr = null,
    string? NameIt = null, string? StaffLanguage = null);

public sealed record OpeningRangeRequest(DayOfWeek? Day, string? Opens, string? Closes);

/// <summary>
/// A day to close. Booked appointments on it are refused (409 <c>closure-has-appointments</c>, with the list) unless
/// <c>CancelAppointments</c> says to cancel them; their residents are then mailed why, with a link to book anew.
/// </summary>
public sealed record ClosureRequest(string? DepartmentKey, DateOnly? Date, string? ReasonDe, string? ReasonEn, string? ReasonFr = null, string? ReasonIt = null,
    bool? CancelAppointments = null);

/// <summary>A booked appointment on a day about to be closed, as the admin sees it before cancelling it.</summary>
public sealed record AffectedAppointment(Guid Id, string ConcernKey, string DepartmentKey, DateTimeOffset Start, string CitizenName);

public sealed record ClosureDto(int Id, string? DepartmentKey, DateOnly Date, LocalizedText Reason);

public sealed record ConcernRequest(
    string? DepartmentKey, string? NameDe, string? NameEn, string? DescriptionDe, string? DescriptionEn,
    int? DurationMinutes, int? BufferMinutes, IReadOnlyList<string>? Channels, IReadOnlyList<string>? DocumentsDe,
    IReadOnlyList<string>? DocumentsEn, bool? NeedsIdentityCheck, bool? NeedsSignature, bool? Active, int? SortOrder,
    string? NameFr = null, string? NameIt = null, string? DescriptionFr = null, string? DescriptionIt = null,
    IReadOnlyList<string>? DocumentsFr = null, IReadOnlyList<string>? DocumentsIt = null);

public sealed record StaffSkillsRequest(string? StaffName, string? DepartmentKey, IReadOnlyList<string>? ConcernKeys);

public sealed record StaffSkillsDto(Guid StaffId, string StaffName, string DepartmentKey, IReadOnlyList<string> ConcernKeys);

/// <summary>A department for the admin page: <c>OpeningHours</c> are the live counter's, <c>AppointmentHours</c> the bookable ones.</summary>
public sealed record AdminDepartmentDto(string Key, LocalizedText Name, string TimeZone, string MailboxEmail, int SortOrder,
    IReadOnlyList<OpeningRange> OpeningHours, IReadOnlyList<ConcernDto> Concerns, IReadOnlyList<OpeningRange> AppointmentHours, string StaffLanguage);

/// <summary>What a change of a department's calendar reads beside its request: the appointments, the zone, the clock.</summary>
public sealed record CalendarServices(Municipal.Booking.Data.BookingDb Db, Municipal.Booking.Slots.SlotService Slots, TimeProvider Time);
