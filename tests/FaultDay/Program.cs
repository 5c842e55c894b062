using Municipal.FaultDay;
using Municipal.Testing;

// The fault day's traffic and its account; scripts/fault-day starts the private infrastructure and the system first.
// Exit code 1 when anything accepted was lost, an event went to an error queue or an outbox did not drain.
var report = args.SkipWhile(a => a != "--report").Skip(1).FirstOrDefault() ?? Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "fault-day", "report.md");
var outage = TimeSpan.FromSeconds(int.Parse(TestEnvironment.Get("FAULT_DAY_OUTAGE_SECONDS", "30")));
var calm = TimeSpan.FromSeconds(int.Parse(TestEnvironment.Get("FAULT_DAY_CALM_SECONDS", "20")));
var components = TestEnvironment.Get("FAULT_DAY_COMPONENTS", "rabbitmq redis postgres clamd").Split(' ', StringSplitOptions.RemoveEmptyEntries);
var patience = new Patience(TimeSpan.FromSeconds(int.Parse(TestEnvironment.Get("FAULT_DAY_GIVE_UP_SECONDS", "180"))));
var clock = System.Diagnostics.Stopwatch.StartNew();
void Log(string message) => Console.WriteLine($"[fault-day {clock.Elapsed:mm\\:ss}] {message}");

var run = Guid.NewGuid().ToString("N")[..6];
var schedule = new Schedule(outage, calm, components);
var ledger = new Ledger(schedule);
var counter = await Counter.OpenAsync(run, CancellationToken.None);
var traffic = new Traffic(counter, ledger, patience, run);
Log($"run {run}: {counter.Slots.Count} slots for {counter.BookingConcern}, queue {counter.QueueConcern}");

using var dayOver = new CancellationTokenSource();
async Task Repeat(Func<Task> work, TimeSpan pause)
{
    while (!dayOver.IsCancellationRequested)
    {
        await work();
        try { await Task.Delay(pause, dayOver.Token); } catch (OperationCanceledException) { }
    }
}

using var residents = Counter.NewClient();
var people = new List<Task>
{
    Repeat(() => traffic.BookAsync(residents, CancellationToken.None), TimeSpan.FromMilliseconds(800)),
    Repeat(() => traffic.BookAsync(residents, CancellationToken.None), TimeSpan.FromMilliseconds(800)),
};
people.AddRange(Enumerable.Range(0, 4).Select(_ => Repeat(() => traffic.VisitAsync(residents, CancellationToken.None), TimeSpan.FromMilliseconds(500))));
// Two clerks call the next resident whenever there is one, until the day is over and the queue is empty.
var clerks = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
{
    while (true)
    {
        var served = await traffic.ServeNextAsync(CancellationToken.None);
        if (!served && dayOver.IsCancellationRequested && people.All(p => p.IsCompleted)) return;
        if (!served) await Task.Delay(1000);
    }
})).ToList();

await schedule.RunAsync(Log, CancellationToken.None);
dayOver.Cancel();
Log("the day is over; waiting for everyone still retrying");
// Everyone gives up after the patience; a client still waiting a minute later hangs on a call without an answer.
// Its operation was never accepted, so it cannot be lost, but the report says so rather than the day never ending.
var everyone = Task.WhenAll(people.Concat(clerks));
var hung = "";
if (await Task.WhenAny(everyone, Task.Delay(patience.GiveUpAfter + TimeSpan.FromMinutes(1))) != everyone)
{
    hung = $"{people.Count(p => !p.IsCompleted)} residents and {clerks.Count(c => !c.IsCompleted)} clerks were still waiting for an answer "
        + $"{(patience.GiveUpAfter + TimeSpan.FromMinutes(1)).TotalSeconds:0} s after the day ended; the report counts without them.";
    Log(hung);
}

var operations = ledger.Counted.ToList();
var drain = await Verification.RunAsync(operations.Where(o => o.Outcome == Outcome.Accepted).ToList(), counter, TimeSpan.FromMinutes(3), Log, CancellationToken.None);
var markdown = Report.Write(schedule, operations, drain, patience.GiveUpAfter) + (hung.Length > 0 ? $"\n**Hung clients:** {hung}\n" : "");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
await File.WriteAllTextAsync(report, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Log($"report written to {report}");

var lost = operations.Count(o => o.Outcome == Outcome.Accepted && !o.Found);
return lost == 0 && drain.ErrorQueueMessages == 0 && drain.UnsentOutbox.Values.Sum() == 0 ? 0 : 1;
