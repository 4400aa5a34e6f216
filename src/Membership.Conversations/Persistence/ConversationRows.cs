namespace Membership.Conversations.Persistence;

internal sealed class ConversationRow
{
    public Guid Id { get; set; }

    public required string LineUserId { get; set; }

    public Guid? MemberId { get; set; }

    public string? MemberCode { get; set; }

    /// <summary>The member's name, else their LINE display name, when the conversation began (for the list and search).</summary>
    public string? DisplayName { get; set; }

    public int Status { get; set; }

    public int Mode { get; set; }

    public string? AssignedTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastMessageAt { get; set; }

    public DateTimeOffset? WaitingSince { get; set; }

    public int Unread { get; set; }

    public string? LastPreview { get; set; }

    /// <summary>The latest customer message's reply token, when it came (LINE: about a minute, one use).</summary>
    public string? ReplyToken { get; set; }

    public DateTimeOffset? ReplyTokenAt { get; set; }

    public bool ReplyTokenUsed { get; set; }

    public DateTimeOffset? ModeChangedAt { get; set; }

    /// <summary>Out of the open list until then; a customer message clears it.</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }

    public string? ResolvedReason { get; set; }

    /// <summary>The latest customer message's <c>markAsReadToken</c>, until staff open the conversation.</summary>
    public string? MarkAsReadToken { get; set; }

    /// <summary>When LINE's loading animation was last started for this customer (at most one per 15 seconds).</summary>
    public DateTimeOffset? LoadingStartedAt { get; set; }

    public string? TypingBy { get; set; }

    public DateTimeOffset? TypingAt { get; set; }
}

internal sealed class MessageRow
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public int Direction { get; set; }

    public int Sender { get; set; }

    public string? StaffName { get; set; }

    public required string Type { get; set; }

    public string? Text { get; set; }

    public required string ContentJson { get; set; }

    /// <summary>An incoming message's LINE event: a redelivery finds it and adds nothing.</summary>
    public string? WebhookEventId { get; set; }

    /// <summary>An outgoing message's key (also LINE's retry key for a push): a double click sends once.</summary>
    public Guid? IdempotencyKey { get; set; }

    public int? SentBy { get; set; }

    /// <summary>0 sending, 1 sent (or received), 2 failed.</summary>
    public int State { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The text and content went with the retention period; who sent what and when stays.</summary>
    public bool ContentRemoved { get; set; }
}

internal sealed class CannedResponseRow
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public string? Shortcut { get; set; }

    public required string Text { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The content of an image, video, audio or file a customer sent, fetched once from LINE (which deletes it later).</summary>
internal sealed class MediaRow
{
    public Guid MessageId { get; set; }

    public required string LineMessageId { get; set; }

    /// <summary><see cref="Contracts.Conversations.MediaStatus"/>.</summary>
    public int Status { get; set; }

    public string? ContentType { get; set; }

    public int? Size { get; set; }

    public byte[]? Bytes { get; set; }

    public DateTimeOffset? FetchedAt { get; set; }

    public string? Error { get; set; }
}

/// <summary>The Owner's settings of the inbox (one row).</summary>
internal sealed class ConversationSettingsRow
{
    public int Id { get; set; } = 1;

    /// <summary>Message text, content and media older than this many days are removed each night; null keeps them.</summary>
    public int? RetentionDays { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
