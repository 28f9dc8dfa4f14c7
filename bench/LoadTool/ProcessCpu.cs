using System.Globalization;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// CPU time (user + system) another local process has used so far, from /proc/PID/stat, in milliseconds. Throughput on
/// a shared 2-core machine swings with whatever else runs; the app's own CPU per request does not, so the report
/// shows both.
/// </summary>
internal sealed class ProcessCpu(int pid)
{
    /// <summary>Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public double ReadMilliseconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces and is in parentheses: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / TicksPerSecond;
    }
}
