using System.Diagnostics;
using System.Globalization;

namespace Membership.Segmentation.Scoring;

/// <summary>Wall time of each step of a scoring run, logged with it: where the time of a slow run goes.</summary>
internal sealed class ScoringSteps
{
    private readonly List<(string Name, TimeSpan Took)> _steps = [];
    private long _last = Stopwatch.GetTimestamp();

    public IReadOnlyList<(string Name, TimeSpan Took)> Steps => _steps;

    public void Done(string name)
    {
        var now = Stopwatch.GetTimestamp();
        _steps.Add((name, Stopwatch.GetElapsedTime(_last, now)));
        _last = now;
    }

    public override string ToString() =>
        string.Join(", ", _steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Took.TotalMilliseconds:F0} ms")));
}
