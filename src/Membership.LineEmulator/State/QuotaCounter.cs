using Microsoft.Extensions.Options;

namespace Membership.LineEmulator.State;

/// <summary>Monthly quota: push, multicast, narrowcast and broadcast count per delivered recipient; reply is free.</summary>
internal sealed class QuotaCounter(IOptions<EmulatorOptions> options)
{
    private long _totalUsage;

    public long? Limit => options.Value.MonthlyQuota is > 0 ? options.Value.MonthlyQuota : null;

    public long TotalUsage => Interlocked.Read(ref _totalUsage);

    /// <summary>Call under <see cref="SendGate"/>.</summary>
    public bool WouldExceed(int recipients) => Limit is { } limit && TotalUsage + recipients > limit;

    public void Add(int recipients) => Interlocked.Add(ref _totalUsage, recipients);
}
