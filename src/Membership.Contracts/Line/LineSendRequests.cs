using System.Text.Json;

namespace Membership.Contracts.Line;

// Wire bodies of the send endpoints, serialised as is (camelCase, nulls omitted): see messaging-api.yml.

/// <summary><c>POST /v2/bot/message/reply</c>.</summary>
public sealed record ReplyMessageRequest(string ReplyToken, IReadOnlyList<LineMessage> Messages, bool NotificationDisabled = false);

/// <summary><c>POST /v2/bot/message/push</c>.</summary>
public sealed record PushMessageRequest(
    string To,
    IReadOnlyList<LineMessage> Messages,
    bool NotificationDisabled = false,
    IReadOnlyList<string>? CustomAggregationUnits = null);

/// <summary><c>POST /v2/bot/message/multicast</c>: <paramref name="To"/> holds 1–500 user ids.</summary>
public sealed record MulticastMessageRequest(
    IReadOnlyList<string> To,
    IReadOnlyList<LineMessage> Messages,
    bool NotificationDisabled = false,
    IReadOnlyList<string>? CustomAggregationUnits = null);

/// <summary>
/// <c>POST /v2/bot/message/narrowcast</c>. <paramref name="Recipient"/> and <paramref name="Filter"/> are kept as raw
/// JSON (audience/operator recipients, demographic filters) until we model audiences.
/// </summary>
public sealed record NarrowcastMessageRequest(
    IReadOnlyList<LineMessage> Messages,
    JsonElement? Recipient = null,
    JsonElement? Filter = null,
    NarrowcastLimit? Limit = null,
    bool NotificationDisabled = false);

public sealed record NarrowcastLimit(int? Max = null, bool? UpToRemainingQuota = null, bool? ForbidPartialDelivery = null);

/// <summary><c>POST /v2/bot/message/broadcast</c>.</summary>
public sealed record BroadcastMessageRequest(IReadOnlyList<LineMessage> Messages, bool NotificationDisabled = false);
