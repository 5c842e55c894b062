using System.Diagnostics;

namespace Municipal.Benchmarks;

/// <summary>
/// The machine's load: the load average (1 minute) from /proc/loadavg, reported with each benchmark so a figure taken
/// on a busy shared machine can be recognised as such (ratios against a baseline in the same run stay comparable), and
/// the share of idle CPU from /proc/stat, which a benchmark waits for before it starts (<see cref="SettleAsync"/>).
/// </summary>
public static class MachineLoad
{
    public static double OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static BenchmarkFigure Figure(string when) => new($"machine load average (1 min) {when}", OneMinute(), "");

    /// <summary>
    /// Waits until the machine is quiet: at least <paramref name="idleShare"/> of the CPU idle in three one-second
    /// windows in a row, at most <paramref name="patience"/>. The benchmark before may leave work behind (mails and
    /// events of its bookings, Chromium processes closing) that would otherwise be measured as the next one's. Returns
    /// the figure to report: how long it waited and how idle the last window was.
    /// </summary>
    public static async Task<BenchmarkFigure> SettleAsync(double idleShare = 0.85, TimeSpan? patience = null)
    {
        var limit = patience ?? TimeSpan.FromSeconds(90);
        var clock = Stopwatch.StartNew();
        var quiet = 0;
        var idle = double.NaN;
        var before = CpuTimes();
        while (before is not null && quiet < 3 && clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = CpuTimes();
            if (after is null) break;
            var total = after.Value.Total - before.Value.Total;
            idle = total == 0 ? 1 : (double)(after.Value.Idle - before.Value.Idle) / total;
            quiet = idle >= idleShare ? quiet + 1 : 0;
            before = after;
        }
        return new BenchmarkFigure($"waited for the machine to settle ({idleShare:P0} idle 3 s in a row; last second {idle:P0} idle)",
            Math.Round(clock.Elapsed.TotalSeconds, 1), "s");
    }

    /// <summary>The first line of /proc/stat: all CPU time and the idle part of it (idle + iowait), in ticks.</summary>
    internal static (long Total, long Idle)? CpuTimes()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return (fields.Sum(), fields[3] + fields[4]);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
