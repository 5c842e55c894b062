using System.Globalization;

namespace Municipal.Testing;

/// <summary>The machine's processes as /proc shows them (Linux): who started whom, and with what command line.</summary>
public static class Processes
{
    /// <summary>Every process's parent (field 4 of /proc/&lt;pid&gt;/stat).</summary>
    public static Dictionary<int, int> Parents()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                // "pid (comm) state ppid …": the name may hold spaces and brackets, so read after its last ')'.
                var stat = File.ReadAllText($"{directory}/stat");
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        return parents;
    }

    /// <summary>The processes <paramref name="ancestor"/> started, and theirs, down to <paramref name="depth"/> generations.</summary>
    public static IEnumerable<int> Descendants(int ancestor, int depth = 16)
    {
        var parents = Parents();
        return parents.Keys.Where(pid =>
        {
            for (var hops = 0; hops < depth && parents.TryGetValue(pid, out var parent); hops++, pid = parent)
                if (parent == ancestor) return true;
            return false;
        }).ToList();
    }

    /// <summary>A process's arguments, the program first; empty once it has ended.</summary>
    public static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
