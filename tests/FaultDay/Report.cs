using System.Globalization;
using System.Text;

namespace Municipal.FaultDay;

/// <summary>The day's account as Markdown: per phase and per kind attempted, accepted, lost and delayed.</summary>
public static class Report
{
    public static string Write(Schedule schedule, IReadOnlyList<Operation> operations, Verification.Drain drain, TimeSpan giveUp)
    {
        var text = new StringBuilder();
        var lost = operations.Where(o => o.Outcome == Outcome.Accepted && !o.Found).ToList();
        int Accepted(string kind) => operations.Count(o => o.Kind == kind && o.Outcome == Outcome.Accepted);
        text.AppendLine("# Fault day").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Each of {string.Join(", ", schedule.Components)} stopped for {schedule.Outage.TotalSeconds:0} s and started again, " +
            $"{schedule.Calm.TotalSeconds:0} s of normal operation after each restart (the restart itself included); clients retry 503/429/timeouts " +
            $"as the pages do and give up after {giveUp.TotalSeconds:0} s. **Lost: {lost.Count}** (accepted with 200/201 but not found where it belongs).").AppendLine();

        text.AppendLine("## By phase (an operation counts to the phase in which it first met trouble, else to the one in which it started)").AppendLine();
        Table(text, "phase", schedule.Phases.Select(p => (p, operations.Where(o => o.Phase == p).ToList())), arrival: false);
        text.AppendLine("## By kind").AppendLine();
        Table(text, "kind", operations.GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList())), arrival: true);
        text.AppendLine("\"to accept\": from the first attempt to the 200/201; \"delayed\": accepted after the system asked to wait at least once " +
            "(503, 429, timeout, refused connection, hub error, the room not there yet); " +
            "\"in place\": from acceptance until the confirmation mail was stored (bookings) or the document scanned (uploads); " +
            "\"served\" runs from the clerk calling the next resident until the room is ended, the resident's chat and upload included.").AppendLine();

        text.AppendLine("## Afterwards").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- outbox rows not yet sent: {string.Join(", ", drain.UnsentOutbox.Select(d => $"{d.Key} {d.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- appointments stored for the day's concern: {drain.AppointmentsStored} (bookings accepted: {Accepted("booking")}); " +
            $"queue tickets stored: {drain.TicketsStored} (accepted: {Accepted("queue ticket")}) — more stored than accepted means a retried request was stored twice");
        text.AppendLine(CultureInfo.InvariantCulture, $"- messages left in RabbitMQ queues: {drain.QueuedMessages}; in error/skipped queues: {drain.ErrorQueueMessages}{(drain.ErrorQueues.Count > 0 ? " (" + string.Join(", ", drain.ErrorQueues) + ")" : "")}");
        foreach (var (title, list) in new[]
        {
            ("Lost", lost.Select(o => $"{o.Kind} {o.Key} (started {o.Phase}): {o.Missing}")),
            ("Refused (a final answer other than success)", operations.Where(o => o.Outcome == Outcome.Refused).Select(o => $"{o.Kind} {o.Key} (started {o.Phase}): {Short(o.Detail)}")),
            ("Gave up", operations.Where(o => o.Outcome == Outcome.GaveUp).Select(o => $"{o.Kind} {o.Key} (started {o.Phase}) after {o.Attempts} attempts: {Short(o.Detail)}")),
        })
        {
            var items = list.ToList();
            if (items.Count == 0) continue;
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {title}: {items.Count}").AppendLine();
            foreach (var item in items.Take(30)) text.AppendLine("- " + item);
            if (items.Count > 30) text.AppendLine(CultureInfo.InvariantCulture, $"- … and {items.Count - 30} more");
        }
        text.AppendLine().AppendLine("## Timeline (UTC)").AppendLine();
        foreach (var (phase, from, to) in schedule.Timeline) text.AppendLine(CultureInfo.InvariantCulture, $"- {from:HH:mm:ss}–{to:HH:mm:ss} {phase}");
        return text.ToString();
    }

    private static void Table(StringBuilder text, string first, IEnumerable<(string Name, List<Operation> Operations)> rows, bool arrival)
    {
        text.AppendLine($"| {first} | attempted | accepted | refused | gave up | lost | delayed | to accept p95 | to accept max |{(arrival ? " in place p95 | in place max |" : "")}");
        text.AppendLine($"|---|---:|---:|---:|---:|---:|---:|---:|---:|{(arrival ? "---:|---:|" : "")}");
        foreach (var (name, list) in rows)
        {
            var accepted = list.Where(o => o.Outcome == Outcome.Accepted).ToList();
            var toAccept = accepted.Select(o => o.ToAccept.TotalSeconds).ToList();
            var inPlace = accepted.Where(o => o.ToArrive is not null).Select(o => Math.Max(0, o.ToArrive!.Value.TotalSeconds)).ToList();
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {list.Count} | {accepted.Count} | {list.Count(o => o.Outcome == Outcome.Refused)} | " +
                $"{list.Count(o => o.Outcome == Outcome.GaveUp)} | {accepted.Count(o => !o.Found)} | {accepted.Count(o => o.Delayed)} | " +
                $"{Seconds(Percentile(toAccept, 0.95))} | {Seconds(toAccept.DefaultIfEmpty().Max())} |");
            if (arrival) text.Append(CultureInfo.InvariantCulture, $" {Seconds(Percentile(inPlace, 0.95))} | {Seconds(inPlace.DefaultIfEmpty().Max())} |");
            text.AppendLine();
        }
        text.AppendLine();
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Seconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Short(string? detail) => detail is null ? "" : detail.Length > 200 ? detail[..200] + "…" : detail.ReplaceLineEndings(" ");
}
