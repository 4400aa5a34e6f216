using System.ComponentModel.DataAnnotations;

namespace Membership.Line.Inbox;

internal sealed class InboxOptions
{
    public const string SectionName = "Line:Inbox";

    /// <summary>Whether this instance handles inbox events (every instance accepts webhooks either way).</summary>
    public bool ProcessorEnabled { get; set; } = true;

    [Range(1, 32)]
    public int Workers { get; set; } = 4;

    /// <summary>After this many failed attempts an event is parked for a person to look at.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);
}
