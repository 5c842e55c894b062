using System.Collections.Concurrent;
using System.Diagnostics;

namespace Municipal.FaultDay;

public enum Outcome { Pending, Accepted, Refused, GaveUp }

/// <summary>
/// One thing a resident or clerk tried: when it started (and so in which phase of the day), how many attempts it
/// took until the system accepted it, and what must be found afterwards to call it delivered.
/// </summary>
public sealed class Operation(string kind, string key, Func<string> currentPhase)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private int troubles;

    public string Kind { get; } = kind;
    public string Key { get; } = key;
    /// <summary>The phase in which it first met trouble (a failed attempt), else the one in which it started.</summary>
    public string Phase { get; private set; } = currentPhase();
    public int Attempts { get; set; }
    public Outcome Outcome { get; private set; }
    public TimeSpan ToAccept { get; private set; }
    public DateTimeOffset AcceptedAt { get; private set; }
    public string? Detail { get; set; }
    /// <summary>What was answered (ids, the expected status), read by the verification.</summary>
    public Dictionary<string, string> Data { get; } = [];
    /// <summary>Set by the verification: found where it belongs, and when it got there.</summary>
    public bool Found { get; set; }
    public TimeSpan? ToArrive { get; set; }
    public string? Missing { get; set; }

    /// <summary>Accepted, but only after the system asked to wait (503, timeout, the room not there yet, …).</summary>
    public bool Delayed => Outcome == Outcome.Accepted && troubles > 0;

    /// <summary>An attempt failed in a way that means "later": the first such moment decides the phase.</summary>
    public void Trouble()
    {
        if (troubles++ == 0) Phase = currentPhase();
    }

    public void Accept()
    {
        ToAccept = Stopwatch.GetElapsedTime(started);
        AcceptedAt = DateTimeOffset.UtcNow;
        Outcome = Outcome.Accepted;
    }

    public void Refuse(string detail) => (Outcome, Detail) = (Outcome.Refused, detail);

    public void GiveUp(string detail) => (Outcome, Detail) = (Outcome.GaveUp, detail);
}

public sealed class Ledger(Schedule schedule)
{
    private readonly ConcurrentQueue<Operation> operations = new();

    public IReadOnlyCollection<Operation> Operations => operations;

    public Operation Start(string kind, string key)
    {
        var operation = new Operation(kind, key, () => schedule.CurrentPhase);
        operations.Enqueue(operation);
        return operation;
    }

    /// <summary>Drops what turned out to be nothing (the clerk asked for the next resident and nobody was waiting).</summary>
    public void Forget(Operation operation) => operation.Data["forget"] = "1";

    public IEnumerable<Operation> Counted => operations.Where(o => !o.Data.ContainsKey("forget"));
}
