using Municipal.Gateway.Security;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Apis;

/// <summary>
/// The audit log's filters, from the query string: days <c>from</c>–<c>to</c> (yyyy-MM-dd in the city's time zone,
/// both included), a person (<c>staffId</c>, or part of the name in <c>person</c>), a case (<c>case</c>: a dossier's
/// or consultation's id anywhere in the path), what was touched (<c>subject</c>, see <see cref="AuditSubjects"/>), how
/// (<c>action</c>: viewed, changed, deleted), a sign-in event (<c>event</c>, see <see cref="SignInEvents"/>; <c>failed</c>
/// for every failure) or a path prefix; pages go back with <c>before</c> (the last id shown). The person is also found by
/// the user name a sign-in event concerns.
/// </summary>
public sealed record AuditQuery(
    Guid? StaffId, string? Path, string? From, string? To, string? Person, string? Case, string? Subject, string? Action,
    string? Event, long? Before, int Take = 200)
{
    /// <summary>The sign-in events asked for; null when none (or an unknown one) is given.</summary>
    public string[]? Events => string.IsNullOrWhiteSpace(Event) ? null : SignInEvents.Matching(Event.Trim());

    public const int MaxPersonLength = 200;

    /// <summary>The case's id, or null when none (or no id) is given.</summary>
    public Guid? CaseId => Guid.TryParse(Case?.Trim(), out var id) ? id : null;

    /// <summary>The path prefixes of the subject, the subject's own first; null when none (or an unknown one) is given.</summary>
    public string[]? SubjectPrefixes => string.IsNullOrWhiteSpace(Subject) ? null : AuditSubjects.PrefixesOf(Subject);

    /// <summary>The first instant of <c>from</c> in <paramref name="zone"/>.</summary>
    public DateTimeOffset? Start(TimeZoneInfo zone) => StartOf(From, zone);

    /// <summary>The first instant after <c>to</c> in <paramref name="zone"/>.</summary>
    public DateTimeOffset? End(TimeZoneInfo zone) => StartOf(To, zone)?.AddDays(1);

    /// <summary>Every refused filter, each with its reason.</summary>
    public FieldErrors Validate(TimeZoneInfo zone)
    {
        var errors = new FieldErrors();
        if (DayProblem(From) is { } fromProblem) errors["from"] = fromProblem;
        if (DayProblem(To) is { } toProblem) errors["to"] = toProblem;
        if (errors.Count == 0 && Start(zone) is { } start && End(zone) is { } end && end <= start) errors["to"] = Reasons.ToBeforeFrom;
        if (!string.IsNullOrWhiteSpace(Case) && CaseId is null) errors["case"] = Reasons.NotAnId;
        if (!string.IsNullOrWhiteSpace(Subject) && SubjectPrefixes is null)
            errors["subject"] = new Reason("audit-subject", $"Allowed: {string.Join(", ", AuditSubjects.All.Select(s => s.Key))}")
                .With("allowed", string.Join(", ", AuditSubjects.All.Select(s => s.Key)));
        if (!string.IsNullOrWhiteSpace(Action) && !AuditSubjects.Verbs.Contains(Action))
            errors["action"] = new Reason("audit-action", $"Allowed: {string.Join(", ", AuditSubjects.Verbs)}").With("allowed", string.Join(", ", AuditSubjects.Verbs));
        if (!string.IsNullOrWhiteSpace(Event) && Events is null)
        {
            var allowed = string.Join(", ", SignInEvents.All.Append(SignInEvents.Failed));
            errors["event"] = new Reason("audit-event", $"Allowed: {allowed}").With("allowed", allowed);
        }
        if (Person is { Length: > MaxPersonLength }) errors["person"] = Reasons.TooLong(MaxPersonLength);
        return errors;
    }

    /// <summary>Why a day filter is refused (its year window is the input guard's, which reads it trimmed too), or null.</summary>
    private static Reason? DayProblem(string? value) =>
        string.IsNullOrWhiteSpace(value) || DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", out _) ? null : Reasons.DateFormat("2026-03-30");

    /// <summary>The start of a day (yyyy-MM-dd) in the city's time zone, as an instant; null if none or no day.</summary>
    private static DateTimeOffset? StartOf(string? value, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(value) || !DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", out var day)) return null;
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
