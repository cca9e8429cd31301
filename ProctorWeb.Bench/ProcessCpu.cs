using System.Globalization;

namespace ProctorWeb.Bench;

/// <summary>
/// CPU time from /proc: the whole machine, and process trees (a browser with its renderer, GPU and
/// utility processes; the app server). Linux only, as the benchmark machine is.
/// </summary>
public sealed class ProcessCpu
{
    // USER_HZ: the unit of /proc's CPU times, 100 on every Linux the benchmark targets.
    private const double TicksPerSecond = 100;

    private readonly Dictionary<int, (int Parent, long Ticks)> _processes;
    private readonly long _machineBusy;
    private readonly long _machineTotal;
    private readonly long _at = System.Diagnostics.Stopwatch.GetTimestamp();

    private ProcessCpu(Dictionary<int, (int Parent, long Ticks)> processes, long machineBusy, long machineTotal)
    {
        _processes = processes;
        _machineBusy = machineBusy;
        _machineTotal = machineTotal;
    }

    public static ProcessCpu Read()
    {
        var processes = new Dictionary<int, (int, long)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && TryReadStat(pid, out var parent, out var ticks))
            {
                processes[pid] = (parent, ticks);
            }
        }
        // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the time not working.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        return new ProcessCpu(processes, total - fields[3] - fields[4], total);
    }

    /// <summary>The processes whose command line contains <paramref name="marker"/>, a switch given to each browser of one role.</summary>
    public static List<int> FindProcesses(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                // Chromium hands some switches on to its children, which say what they are with --type.
                if (commandLine.Contains(marker, StringComparison.Ordinal) && !commandLine.Contains("--type=", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found.Count > 0 ? found : throw new InvalidOperationException($"No process runs with {marker} on its command line.");
    }

    /// <summary>The renderer processes (<c>--type=renderer</c>) among <paramref name="roots"/>' descendants: where a browser runs its pages' scripts.</summary>
    public List<int> RenderersOf(IReadOnlyList<int> roots)
    {
        var renderers = new List<int>();
        foreach (var pid in Descendants(roots))
        {
            try
            {
                if (File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains("--type=renderer", StringComparison.Ordinal))
                {
                    renderers.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }
        return renderers.Count > 0 ? renderers : throw new InvalidOperationException("The browser has no renderer process.");
    }

    /// <summary>How busy the machine was over the last minute: /proc/loadavg's first figure (runnable tasks; this machine has <c>Environment.ProcessorCount</c> cores).</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>Percent of one core used by <paramref name="roots"/> and their descendants between two readings.</summary>
    public static double TreePercent(ProcessCpu from, ProcessCpu to, IReadOnlyList<int> roots)
    {
        var tree = to.Descendants(roots);
        var ticks = tree.Sum(pid => to._processes[pid].Ticks - (from._processes.TryGetValue(pid, out var before) ? before.Ticks : 0));
        return ticks / TicksPerSecond / Seconds(from, to) * 100;
    }

    /// <summary>How busy the whole machine was, in percent of all its cores.</summary>
    public static double MachinePercent(ProcessCpu from, ProcessCpu to) =>
        100.0 * (to._machineBusy - from._machineBusy) / Math.Max(1, to._machineTotal - from._machineTotal);

    private static double Seconds(ProcessCpu from, ProcessCpu to) =>
        System.Diagnostics.Stopwatch.GetElapsedTime(from._at, to._at).TotalSeconds;

    private HashSet<int> Descendants(IReadOnlyList<int> roots)
    {
        var tree = new HashSet<int>(roots);
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, (parent, _)) in _processes)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);
        return tree.Where(_processes.ContainsKey).ToHashSet();
    }

    private static bool TryReadStat(int pid, out int parent, out long ticks)
    {
        (parent, ticks) = (0, 0);
        try
        {
            // "pid (name) state ppid ... utime stime ...": the name may hold spaces, so count fields after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
