using Membership.Contracts.Common;

namespace Membership.Contracts.Line;

/// <summary>The durable inbox of LINE webhook events: what arrived, what was handled, what is parked.</summary>
public interface ILineInbox
{
    Task<PagedResult<InboxEventSummary>> ListAsync(InboxEventStatus? status, PageRequest page, CancellationToken ct = default);

    Task<IReadOnlyDictionary<InboxEventStatus, int>> CountByStatusAsync(CancellationToken ct = default);

    /// <summary>Puts a parked (or failed) event back in line for the processor. False when it is not parked.</summary>
    Task<bool> RetryAsync(Guid id, CancellationToken ct = default);
}

public enum InboxEventStatus
{
    Pending = 0,
    Handled = 1,
    /// <summary>Stored but of a type nobody handles (yet).</summary>
    Ignored = 2,
    /// <summary>Failed too often: waits for a person to look and retry.</summary>
    Parked = 3,
}

public sealed record InboxEventSummary(
    Guid Id,
    string WebhookEventId,
    string EventType,
    string? LineUserId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    bool IsRedelivery,
    InboxEventStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? HandledAt);

/// <summary>Settings of the LINE channel an Owner edits in the console.</summary>
public interface ILineChannelSettings
{
    /// <summary>The greeting sent to a new friend; <c>{registerUrl}</c> is replaced by the registration link.</summary>
    Task<string> GetGreetingAsync(CancellationToken ct = default);

    Task SetGreetingAsync(string text, CancellationToken ct = default);

    /// <summary>The latest-news text the rich menu's 最新消息 button replies with.</summary>
    Task<string> GetNewsAsync(CancellationToken ct = default);

    Task SetNewsAsync(string text, CancellationToken ct = default);
}
