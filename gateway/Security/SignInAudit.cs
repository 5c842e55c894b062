namespace Municipal.Gateway.Security;

/// <summary>
/// Sign-in events for the audit log, bounded against a flood: the first of an event on one account (or on names that
/// match none) from one address within <c>Audit:SignInWindowSeconds</c> (60) is written at once, the further ones are
/// counted and written as one entry with their number (<see cref="AuditEntry.Repeats"/>) when the window ends. So a
/// burst of 200 wrong passwords is two entries, however fast; a slow guesser writes two a minute. Past
/// <see cref="MaxOpen"/> windows (many addresses or accounts at once) further ones are summed per event, without
/// account or address. Counting takes no database: a sign-in never waits for the log.
/// </summary>
public sealed class SignInAudit(AuditLog log, TimeProvider clock, IConfiguration configuration, ILogger<SignInAudit> logger) : BackgroundService
{
    internal const int MaxOpen = 1_000;

    /// <summary>The key of <see cref="HttpContext.Items"/> under which a signed-in request's handler names its sign-in event for <see cref="AuditLog"/>.</summary>
    public const string ItemKey = "audit.signInEvent";

    private const int MaxNameLength = 200;

    private readonly TimeSpan window = TimeSpan.FromSeconds(configuration.GetValue("Audit:SignInWindowSeconds", 60.0));
    private readonly Lock gate = new();
    private readonly Dictionary<(string Event, string Account, string Address), Window> open = [];

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        public int Further { get; set; }
        public AuditEntry? Last { get; set; }
    }

    /// <summary>An entry for <paramref name="event"/> on an account; <paramref name="account"/> null: a name that matches none.</summary>
    public static AuditEntry EntryFor(HttpContext context, string @event, (Guid Id, string Name, string UserName)? account, IEnumerable<string> departments, int status, string path) => new()
    {
        At = DateTimeOffset.UtcNow,
        StaffId = account?.Id ?? Guid.Empty,
        StaffName = OneLine(account?.Name ?? ""),
        Account = account is { UserName: var name } ? OneLine(name) : null,
        Event = @event,
        Action = $"sign-in {@event}",
        Method = context.Request.Method,
        Path = path,
        Status = status,
        ClientIp = context.Connection.RemoteIpAddress?.ToString(),
        Departments = departments.ToArray(),
    };

    public ValueTask RecordAsync(AuditEntry entry)
    {
        var now = clock.GetUtcNow();
        AuditEntry? summary = null;
        lock (gate)
        {
            var key = (entry.Event ?? "", entry.Account ?? "", entry.ClientIp ?? "");
            if (!open.ContainsKey(key) && open.Count >= MaxOpen)
            {
                key = (entry.Event ?? "", "*", "*");
                entry = Copy(entry, 1, anonymous: true);
            }
            if (open.TryGetValue(key, out var current))
            {
                if (now - current.Start < window)
                {
                    current.Further++;
                    current.Last = entry;
                    return ValueTask.CompletedTask;
                }
                if (current.Last is { } last) summary = Copy(last, current.Further, anonymous: false);
            }
            open[key] = new Window(now);
        }
        return summary is null ? log.RecordAsync(entry) : RecordBothAsync(summary, entry);
    }

    private async ValueTask RecordBothAsync(AuditEntry summary, AuditEntry entry)
    {
        await log.RecordAsync(summary);
        await log.RecordAsync(entry);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(window.TotalMilliseconds / 4, 200, 5_000)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(all: false);
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync(all: true);
    }

    /// <summary>Writes the sums of the windows that ended (or of all, at shutdown) and forgets them.</summary>
    private async Task FlushAsync(bool all)
    {
        var now = clock.GetUtcNow();
        var sums = new List<AuditEntry>();
        lock (gate)
        {
            foreach (var (key, current) in open.Where(w => all || now - w.Value.Start >= window).ToList())
            {
                open.Remove(key);
                if (current.Last is { } last) sums.Add(Copy(last, current.Further, anonymous: false));
            }
        }
        foreach (var sum in sums)
        {
            try
            {
                await log.RecordAsync(sum);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A summed sign-in event ({Event}, {Repeats} times) was not queued for the audit log", sum.Event, sum.Repeats);
            }
        }
    }

    /// <summary>Windows open now (for tests).</summary>
    internal int Open
    {
        get
        {
            lock (gate) return open.Count;
        }
    }

    private static AuditEntry Copy(AuditEntry entry, int repeats, bool anonymous) => new()
    {
        At = entry.At,
        StaffId = anonymous ? Guid.Empty : entry.StaffId,
        StaffName = anonymous ? "" : entry.StaffName,
        Account = anonymous ? null : entry.Account,
        Event = entry.Event,
        Action = entry.Action,
        Method = entry.Method,
        Path = entry.Path,
        Status = entry.Status,
        ClientIp = anonymous ? null : entry.ClientIp,
        Departments = anonymous ? [] : entry.Departments,
        Repeats = repeats,
    };

    /// <summary>
    /// A name as one line the database holds, at most 200 characters: control characters (a NUL stopped the log once,
    /// probe 7) and line breaks become spaces.
    /// </summary>
    internal static string OneLine(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return AuditLog.Storable(line.Length <= MaxNameLength ? line : line[..MaxNameLength] + "…");
    }
}
