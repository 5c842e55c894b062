using Municipal.Booking.Apis;

namespace Municipal.Booking.Statistics;

/// <summary>The raw facts of a range, already restricted to the departments the reader may see.</summary>
public sealed record StatisticsFacts(
    IReadOnlyList<ConsultationFact> Consultations,
    IReadOnlyList<AppointmentFact> Appointments,
    IReadOnlyList<TicketFact> Tickets,
    IReadOnlyList<FeedbackFact> Feedback);

public sealed record ConsultationFact(DateOnly Day, string ConcernKey, string Channel, int WaitingSeconds, int HandlingSeconds);

public sealed record AppointmentFact(DateOnly Day, string ConcernKey, bool NoShow);

public sealed record TicketFact(DateOnly Day, string ConcernKey, bool Missed);

public sealed record FeedbackFact(DateOnly Day, int Score);

/// <summary>Groups the facts by day and by ISO week (Monday first) and computes means, 90th percentiles and counts.</summary>
public static class StatisticsCalculator
{
    public static readonly IReadOnlyList<string> Channels = ["chat", "video", "screen"];

    public static (PeriodDto Total, IReadOnlyList<PeriodDto> Days, IReadOnlyList<PeriodDto> Weeks) Compute(StatisticsFacts facts, DateOnly from, DateOnly to)
    {
        var days = new List<PeriodDto>();
        for (var day = from; day <= to; day = day.AddDays(1)) days.Add(Period(facts, day, day));

        var weeks = new List<PeriodDto>();
        for (var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7)); monday <= to; monday = monday.AddDays(7))
        {
            var start = monday < from ? from : monday;
            var end = monday.AddDays(6) > to ? to : monday.AddDays(6);
            weeks.Add(Period(facts, start, end));
        }
        return (Period(facts, from, to), days, weeks);
    }

    private static PeriodDto Period(StatisticsFacts facts, DateOnly start, DateOnly end)
    {
        bool In(DateOnly day) => day >= start && day <= end;
        var consultations = facts.Consultations.Where(c => In(c.Day)).ToList();
        var appointments = facts.Appointments.Where(a => In(a.Day)).ToList();
        var tickets = facts.Tickets.Where(t => In(t.Day)).ToList();
        var scores = facts.Feedback.Where(f => In(f.Day)).Select(f => f.Score).ToList();

        var concerns = consultations.Select(c => c.ConcernKey).Concat(appointments.Select(a => a.ConcernKey)).Concat(tickets.Select(t => t.ConcernKey))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(key => new ConcernCountDto(key, consultations.Count(c => c.ConcernKey == key), appointments.Count(a => a.ConcernKey == key),
                tickets.Count(t => t.ConcernKey == key)))
            .ToList();
        var channels = Channels.Concat(consultations.Select(c => c.Channel)).Distinct()
            .ToDictionary(channel => channel, channel => consultations.Count(c => c.Channel == channel));
        var noShows = new NoShowsDto(appointments.Count(a => a.NoShow), tickets.Count(t => t.Missed), 0);

        return new PeriodDto(start, end, consultations.Count,
            Duration(consultations.Select(c => c.WaitingSeconds)),
            Duration(consultations.Select(c => c.HandlingSeconds)),
            appointments.Count, tickets.Count,
            noShows with { Total = noShows.Appointments + noShows.Tickets },
            channels, concerns,
            new FeedbackDto(scores.Count, scores.Count == 0 ? null : Math.Round(scores.Average(), 2),
                Enumerable.Range(1, 5).Select(score => scores.Count(s => s == score)).ToList()));
    }

    private static DurationDto Duration(IEnumerable<int> seconds)
    {
        var sorted = seconds.Order().ToList();
        if (sorted.Count == 0) return new DurationDto(null, null);
        return new DurationDto(Math.Round(sorted.Average(), 1), Percentile(sorted, 0.9));
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<int> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
