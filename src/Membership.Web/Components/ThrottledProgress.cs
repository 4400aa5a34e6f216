namespace Membership.Web.Components;

/// <summary>
/// Progress of work running off the circuit's thread: keeps the latest value and repaints the page at most every 200 ms
/// (always for the final value).
/// </summary>
public sealed class ThrottledProgress<T>(Action<T> keep, Func<Task> repaint, Func<T, bool> isFinal) : IProgress<T>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private DateTime _last = DateTime.MinValue;

    public void Report(T value)
    {
        keep(value);
        var now = DateTime.UtcNow;
        if (now - _last < Interval && !isFinal(value))
        {
            return;
        }

        _last = now;
        _ = repaint();
    }
}
