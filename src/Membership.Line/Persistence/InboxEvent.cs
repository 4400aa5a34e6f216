using Membership.Contracts.Line;

namespace Membership.Line.Persistence;

/// <summary>One LINE webhook event, stored before LINE gets its 200 and handled later by the processor.</summary>
internal sealed class InboxEvent
{
    public Guid Id { get; init; }

    /// <summary>LINE's ULID for the event: unique, so a redelivery is stored (and handled) once.</summary>
    public required string WebhookEventId { get; init; }

    public required string EventType { get; init; }

    public string? LineUserId { get; init; }

    /// <summary>The event's own <c>timestamp</c>: the processor handles a user's events in this order.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public bool IsRedelivery { get; init; }

    /// <summary>The event object exactly as LINE sent it (jsonb).</summary>
    public required string Payload { get; init; }

    public InboxEventStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    /// <summary>Set once the follow greeting went out, so a retried follow never greets twice.</summary>
    public DateTimeOffset? GreetingSentAt { get; set; }
}

internal sealed class ChannelSetting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
