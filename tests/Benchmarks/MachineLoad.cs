namespace Municipal.Benchmarks;

/// <summary>
/// The machine's load average (1 minute) from /proc/loadavg, reported with each benchmark so a figure taken on a
/// busy shared machine can be recognised as such; ratios against a baseline in the same run stay comparable.
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
}
