namespace Municipal.Booking.Apis;

public sealed record StatisticsDto(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    IReadOnlyList<DepartmentNameDto> Departments,
    IReadOnlyList<ConcernNameDto> Concerns,
    PeriodDto Total,
    IReadOnlyList<PeriodDto> Days,
    IReadOnlyList<PeriodDto> Weeks);

public sealed record DepartmentNameDto(string Key, string NameDe, string NameEn, string NameFr, string NameIt);

public sealed record ConcernNameDto(string Key, string DepartmentKey, string NameDe, string NameEn, string NameFr, string NameIt);

/// <summary>The figures of one day, one week (Monday to Sunday) or the whole range.</summary>
public sealed record PeriodDto(
    DateOnly Start,
    DateOnly End,
    int Consultations,
    DurationDto Waiting,
    DurationDto Handling,
    int Appointments,
    int Tickets,
    NoShowsDto NoShows,
    IReadOnlyDictionary<string, int> Channels,
    IReadOnlyList<ConcernCountDto> ByConcern,
    FeedbackDto Feedback);

/// <summary>Seconds; null when nothing was measured.</summary>
public sealed record DurationDto(double? MeanSeconds, double? P90Seconds);

public sealed record NoShowsDto(int Appointments, int Tickets, int Total);

public sealed record ConcernCountDto(string ConcernKey, int Consultations, int Appointments, int Tickets);

/// <summary>Ratings 1–5: how many, their mean, and how many gave each score (Distribution[0] is the count of 1s).</summary>
public sealed record FeedbackDto(int Count, double? Mean, IReadOnlyList<int> Distribution);
