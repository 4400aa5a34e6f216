using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Membership.LineEmulator.State;

/// <summary>A LINE user of the simulation. Guarded by <see cref="UserDirectory"/>'s lock.</summary>
internal sealed partial class SimulatedUser(string userId, string displayName)
{
    public string UserId { get; } = userId;

    public string DisplayName { get; set; } = displayName;

    public string? PictureUrl { get; set; }

    public string? Language { get; set; }

    public string? StatusMessage { get; set; }

    /// <summary>Has added the official account as a friend (and not blocked it since).</summary>
    public bool IsFriend { get; set; }

    /// <summary>Has blocked the account (unfollow): gets no deliveries, 404 on profile.</summary>
    public bool IsBlocked { get; set; }

    public List<DeliveredMessage> Messages { get; } = [];

    public UserView ToView() => new(UserId, DisplayName, PictureUrl, Language, StatusMessage, IsFriend, IsBlocked);

    public static bool IsValidId(string? userId) => userId is not null && UserIdPattern().IsMatch(userId);

    public static string NewId() => "U" + Guid.NewGuid().ToString("N");

    [GeneratedRegex("^U[0-9a-f]{32}$")]
    private static partial Regex UserIdPattern();
}

internal sealed record UserView(
    string UserId,
    string DisplayName,
    string? PictureUrl,
    string? Language,
    string? StatusMessage,
    bool IsFriend,
    bool IsBlocked);

/// <param name="Endpoint"><c>reply</c>, <c>push</c>, <c>multicast</c>, <c>narrowcast</c> or <c>broadcast</c>.</param>
/// <param name="Message">The LINE message object exactly as received.</param>
/// <param name="Unit">The request's aggregation unit, if it named one.</param>
internal sealed record DeliveredMessage(string Endpoint, string? RetryKey, DateTimeOffset ReceivedAt, JsonNode Message, string? Unit = null);
