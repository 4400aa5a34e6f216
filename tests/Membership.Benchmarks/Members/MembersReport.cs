using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using Membership.Benchmarks.Infrastructure;

namespace Membership.Benchmarks.Members;

/// <summary>Prints figures as they come and writes them, with the settings and the machine, as JSON under results/.</summary>
internal sealed class MembersReport(string benchmark, object settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly DateTimeOffset _started = DateTimeOffset.Now;
    private readonly List<object> _figures = [];

    public static string Machine { get; } =
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; app, client and PostgreSQL share these cores";

    /// <summary>1, 5 and 15 minute load averages: anything else running on the machine shows here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public void Line(string text) => Console.WriteLine(text);

    public void Header(string title)
    {
        Line(title);
        Line($"machine: {Machine}");
        Line($"load average before start: {LoadAverage()} (other work on these cores skews every figure)");
    }

    public void Add(object figures) => _figures.Add(figures);

    public async Task<string> WriteJsonAsync()
    {
        Directory.CreateDirectory(ProjectPaths.Results);
        var path = Path.Combine(ProjectPaths.Results, $"{benchmark}-{_started:yyyyMMdd-HHmm}.json");
        var document = new { benchmark, startedAt = _started, machine = Machine, loadAverageAtEnd = LoadAverage(), settings, figures = _figures };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
        return path;
    }
}
