using System.Globalization;

namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// A process's resident memory from /proc/&lt;pid&gt;/status, and the process behind a listening TCP port (the
/// sessions service: several systems run side by side on this machine, so its name alone does not say which).
/// </summary>
public static class ProcessMemory
{
    /// <summary>VmRSS in MiB, or NaN where it cannot be read (the process is gone).</summary>
    public static double ResidentMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is null) return double.NaN;
            var kb = double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>CPU time the process has used (user and system, /proc/&lt;pid&gt;/stat), in seconds; NaN where it cannot be read.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            // After the command's closing parenthesis: state is field 3, utime 14 and stime 15 (in clock ticks, 100 a second here).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>The process with a socket listening on the port (IPv4 or IPv6), or null.</summary>
    public static int? ListeningOn(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 10 || columns[3] != "0A") continue;
                var local = columns[1];
                if (int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                    inodes.Add($"socket:[{columns[9]}]");
            }
        }
        if (inodes.Count == 0) return null;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid)) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)) return pid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A process that ended meanwhile or is not ours to look into.
            }
        }
        return null;
    }
}
