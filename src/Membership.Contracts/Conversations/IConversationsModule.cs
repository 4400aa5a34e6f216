using System.Text.Json;
using Membership.Contracts.Common;

namespace Membership.Contracts.Conversations;

/// <summary>
/// The 1:1 LINE chat inbox: one conversation per LINE user with every message in and out, who answers it (the bot's
/// auto-replies or a person), and staff replies sent with the free reply token while it is fresh, else by push.
/// </summary>
public interface IConversationsModule
{
    /// <summary>Waiting longer than this for an answer shows as overdue (setting <c>Conversations:FirstResponseTarget</c>).</summary>
    TimeSpan FirstResponseTarget { get; }

    /// <summary>Oldest waiting first (then newest activity), with unread counts.</summary>
    Task<PagedResult<Conversation>> ListAsync(ConversationQuery query, PageRequest page, CancellationToken ct = default);

    Task<Conversation?> GetAsync(Guid conversationId, CancellationToken ct = default);

    /// <summary>Customers waiting for a person (handed off, not answered yet): the console's badge and notice.</summary>
    Task<int> CountWaitingForPersonAsync(CancellationToken ct = default);

    /// <summary>The conversation of this LINE user; null when they never wrote.</summary>
    Task<Conversation?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default);

    /// <summary>The conversation of the member with this code; null when they never wrote.</summary>
    Task<Conversation?> FindByMemberCodeAsync(string memberCode, CancellationToken ct = default);

    /// <summary>The thread, oldest first (the last <paramref name="limit"/> messages).</summary>
    Task<IReadOnlyList<ConversationMessage>> ListMessagesAsync(Guid conversationId, int limit = 200, CancellationToken ct = default);

    /// <summary>
    /// The content of a customer's image, video, audio or file message: stored when it arrived; fetched from LINE now when
    /// that failed and LINE still has it. Null for a message without media.
    /// </summary>
    Task<StoredMedia?> GetMediaAsync(Guid messageId, CancellationToken ct = default);

    /// <summary>
    /// Staff opened the conversation: its unread count goes to zero, and (setting <c>Conversations:MarkAsRead</c>, on by
    /// default) the customer's messages show as read in LINE.
    /// </summary>
    Task MarkReadAsync(Guid conversationId, CancellationToken ct = default);

    /// <summary>
    /// A staff member is typing an answer: other consoles show it, and the customer sees LINE's loading animation (started
    /// at most every 15 seconds per customer, within LINE's rate limit).
    /// </summary>
    Task TypingAsync(Guid conversationId, string staff, CancellationToken ct = default);

    /// <summary>
    /// Sends staff messages: by reply when the customer's latest message carries a fresh, unused token, else by push.
    /// The same <see cref="StaffReplyRequest.IdempotencyKey"/> sends once. Answering by hand takes the conversation to
    /// person mode and assigns it to the sender if nobody has it.
    /// </summary>
    Task<StaffReplyResult> SendAsync(StaffReplyRequest request, CancellationToken ct = default);

    /// <summary>
    /// A message another module sent the customer (an auto-reply, a journey step) joins their thread, once per
    /// <see cref="OutgoingChatMessage.Key"/>; nothing when the customer never wrote.
    /// </summary>
    Task RecordOutgoingAsync(OutgoingChatMessage message, CancellationToken ct = default);

    /// <summary>Message text, content and media older than this many days are removed each night (Owner setting); null keeps them.</summary>
    Task<int?> GetRetentionDaysAsync(CancellationToken ct = default);

    /// <summary>30 to 3650 days, or null to keep everything; refused with the reason otherwise. Audited.</summary>
    Task<IReadOnlyList<ConversationError>> SetRetentionDaysAsync(int? days, string by, CancellationToken ct = default);

    /// <summary>The nightly purge now (the Owner applies a shorter period at once): how many messages lost their content.</summary>
    Task<int> PurgeExpiredContentAsync(CancellationToken ct = default);

    Task<bool> SetModeAsync(Guid conversationId, ConversationMode mode, string by, CancellationToken ct = default);

    /// <summary>Resolved (back to the bot), with an optional reason; a new message from the customer reopens it.</summary>
    Task<bool> ResolveAsync(Guid conversationId, string by, string? reason = null, CancellationToken ct = default);

    /// <summary>Out of the open list until <paramref name="until"/>; a new message from the customer brings it back sooner.</summary>
    Task<bool> SnoozeAsync(Guid conversationId, DateTimeOffset until, string by, CancellationToken ct = default);

    /// <summary>Raised in this process when any instance records or sends a message (PostgreSQL <c>LISTEN/NOTIFY</c>).</summary>
    event Action<Guid>? Changed;
}

public enum ConversationStatus
{
    Open = 0,
    /// <summary>Answered: waiting on the customer.</summary>
    Pending = 1,
    Resolved = 2,
    /// <summary>Put aside until a time (or the customer's next message).</summary>
    Snoozed = 3,
}

public enum ConversationMode
{
    /// <summary>Keyword auto-replies and journeys answer.</summary>
    Bot = 0,
    /// <summary>A person answers; auto-replies are silent for this customer.</summary>
    Person = 1,
}

public enum ConversationView
{
    All = 0,
    Mine = 1,
    Unassigned = 2,
}

/// <param name="Staff">The signed-in staff member, for <see cref="ConversationView.Mine"/>.</param>
/// <param name="Search">Part of the member's name, LINE name, mobile or member code, or of a message's text.</param>
public sealed record ConversationQuery(ConversationView View = ConversationView.All, ConversationStatus? Status = null, string? Staff = null, string? Search = null);

/// <param name="WaitingSince">The customer's first message not answered yet; null when answered.</param>
/// <param name="ReplyTokenFresh">A staff answer now would go by reply (free), not push.</param>
public sealed record Conversation(
    Guid Id,
    string LineUserId,
    Guid? MemberId,
    string? MemberCode,
    string? DisplayName,
    ConversationStatus Status,
    ConversationMode Mode,
    string? AssignedTo,
    DateTimeOffset LastMessageAt,
    DateTimeOffset? WaitingSince,
    int Unread,
    string? LastPreview,
    bool ReplyTokenFresh,
    DateTimeOffset? SnoozedUntil = null,
    string? ResolvedReason = null,
    string? TypingBy = null);

public enum MessageDirection
{
    In = 0,
    Out = 1,
}

public enum MessageAuthor
{
    Customer = 0,
    Staff = 1,
    AutoReply = 2,
    Campaign = 3,
    Journey = 4,
}

public enum SentBy
{
    Reply = 0,
    Push = 1,
}

/// <param name="Content">The LINE message object (in: as the webhook had it; out: as sent).</param>
/// <param name="Media">Where the content of a customer's image, video, audio or file stands; null for other messages.</param>
/// <param name="ContentRemoved">The retention period removed its text and content.</param>
public sealed record ConversationMessage(
    Guid Id, MessageDirection Direction, MessageAuthor Author, string? StaffName, string Type, string? Text, JsonElement Content, SentBy? SentBy,
    bool Failed, DateTimeOffset At, MediaStatus? Media = null, bool ContentRemoved = false);

public enum MediaStatus
{
    /// <summary>Not fetched yet (or the fetch failed: it is tried again when staff open it).</summary>
    Pending = 0,
    Stored = 1,
    /// <summary>Over the size limit: not kept.</summary>
    TooLarge = 2,
    /// <summary>LINE no longer has it, or the retention period removed it.</summary>
    Gone = 3,
}

public sealed record StoredMedia(MediaStatus Status, string? ContentType, byte[]? Bytes);

/// <param name="Messages">The LINE message objects as sent.</param>
/// <param name="Label">What sent it, shown with the author (e.g. the auto-reply rule's name).</param>
/// <param name="ReplyTokenSpent">It went by the customer's latest reply token: staff answers go by push from now on.</param>
public sealed record OutgoingChatMessage(
    string LineUserId, IReadOnlyList<JsonElement> Messages, MessageAuthor Author, SentBy SentBy, Guid Key, string? Label, bool ReplyTokenSpent);

/// <param name="Messages">1-5 LINE message objects (text, image, flex, …).</param>
public sealed record StaffReplyRequest(Guid ConversationId, IReadOnlyList<JsonElement> Messages, Guid IdempotencyKey, string By);

public enum StaffReplyOutcome
{
    Sent = 0,
    /// <summary>This idempotency key was sent before; nothing new went out.</summary>
    AlreadySent = 1,
    NotFound = 2,
    Invalid = 3,
    Failed = 4,
}

public sealed record StaffReplyResult(StaffReplyOutcome Outcome, SentBy? SentBy = null, string? Error = null);
