namespace Membership.Benchmarks.Infrastructure;

/// <summary>
/// Busy CPU seconds of the whole machine since boot, from <c>/proc/stat</c> (all cores, every process: this one and
/// PostgreSQL alike). The difference between two readings, less this process's own CPU, is what the rest spent.
/// </summary>
internal static class MachineCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    public static double BusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }

        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4];
        return (fields.Take(8).Sum() - idle) / TicksPerSecond;
    }
}
