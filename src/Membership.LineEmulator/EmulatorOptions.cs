namespace Membership.LineEmulator;

/// <summary>Section <c>"Emulator"</c>: the fake channel the app talks to (demo values are not secrets).</summary>
internal sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    public string ChannelAccessToken { get; set; } = "";

    public string ChannelSecret { get; set; } = "";

    /// <summary>Channel id put in minted ID tokens' <c>aud</c> and checked as <c>client_id</c> by verify.</summary>
    public string ChannelId { get; set; } = "";

    /// <summary>The bot's user id: the webhook body's <c>destination</c>.</summary>
    public string BotUserId { get; set; } = "Ufeedfacecafebeef0123456789abcdef";

    /// <summary>Where webhooks go; also settable at run time (<c>PUT /_emulator/webhook</c>).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Monthly message quota (<c>limited</c>); null or 0 means <c>none</c>.</summary>
    public long? MonthlyQuota { get; set; }

    /// <summary>How long a reply token stays valid (LINE: about a minute); tests set a few seconds to see it expire.</summary>
    public TimeSpan ReplyTokenLifetime { get; set; } = TimeSpan.FromMinutes(1);
}
