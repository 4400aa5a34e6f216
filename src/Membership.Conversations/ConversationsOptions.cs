namespace Membership.Conversations;

/// <summary>Section <c>Conversations</c> of the configuration.</summary>
internal sealed class ConversationsOptions
{
    public const string SectionName = "Conversations";

    /// <summary>Customers' media larger than this is not kept.</summary>
    public long MediaMaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Opening a conversation marks the customer's messages read in LINE.</summary>
    public bool MarkAsRead { get; set; } = true;

    /// <summary>Asia/Taipei, e.g. <c>09:00-21:00</c> (may span midnight); empty: always in hours.</summary>
    public string? BusinessHours { get; set; }

    /// <summary>The hand-off acknowledgement outside business hours; <c>{0}</c> is the next opening time.</summary>
    public string? AwayMessage { get; set; }

    /// <summary>A person's conversation goes back to the bot when the customer writes after this long without staff activity.</summary>
    public TimeSpan BackToBotAfter { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Waiting longer than this for a first answer shows as overdue in the inbox.</summary>
    public TimeSpan FirstResponseTarget { get; set; } = TimeSpan.FromMinutes(15);
}
