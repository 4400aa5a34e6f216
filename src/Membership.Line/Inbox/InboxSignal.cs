namespace Membership.Line.Inbox;

/// <summary>Wakes the processor as soon as events are stored, instead of waiting for its next poll.</summary>
internal sealed class InboxSignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <returns>True when notified, false when the wait timed out.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
