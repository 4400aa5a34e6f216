using System.Text.Json;

namespace Membership.Web.Simulator;

/// <summary>A simulated LINE user as the emulator shows it (<c>GET /_emulator/users</c>).</summary>
internal sealed record EmulatorUser(
    string UserId,
    string DisplayName,
    string? PictureUrl,
    string? Language,
    string? StatusMessage,
    bool IsFriend,
    bool IsBlocked);

/// <summary>Body of <c>POST /_emulator/users</c>; the emulator generates the id when <paramref name="UserId"/> is null.</summary>
internal sealed record NewEmulatorUser(string DisplayName, string? PictureUrl = null, string? Language = "zh-TW", string? UserId = null);

/// <summary>One LINE message object delivered to a user (<c>GET /_emulator/users/{id}/messages</c>), oldest first.</summary>
/// <param name="Endpoint"><c>reply</c>, <c>push</c>, <c>multicast</c>, <c>narrowcast</c> or <c>broadcast</c>.</param>
/// <param name="Message">The message object exactly as the app sent it.</param>
internal sealed record EmulatorDelivery(string Endpoint, string? RetryKey, DateTimeOffset ReceivedAt, JsonElement Message);

/// <summary>What a simulated user does (<c>POST /_emulator/users/{id}/events</c>).</summary>
internal sealed record EmulatorEvent(string Type, string? Text = null, string? Data = null)
{
    public static EmulatorEvent Follow { get; } = new(EmulatorEventTypes.Follow);

    public static EmulatorEvent Unfollow { get; } = new(EmulatorEventTypes.Unfollow);

    public static EmulatorEvent Message(string text) => new(EmulatorEventTypes.Message, Text: text);

    public static EmulatorEvent Postback(string data) => new(EmulatorEventTypes.Postback, Data: data);
}

internal static class EmulatorEventTypes
{
    public const string Follow = "follow";
    public const string Unfollow = "unfollow";
    public const string Message = "message";
    public const string Postback = "postback";
}

/// <param name="WebhookStatus">What the app answered to the webhook; null when no webhook URL is set or the app was unreachable.</param>
internal sealed record EmulatorEventResult(string WebhookEventId, string? ReplyToken, int? WebhookStatus);

/// <summary>The emulator answered with an error status (its <c>message</c> when it gave one).</summary>
internal sealed class EmulatorException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
