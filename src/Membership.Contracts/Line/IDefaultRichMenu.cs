namespace Membership.Contracts.Line;

/// <summary>The channel's default rich menu (會員卡 / 註冊會員 / 我的點數 / 最新消息), set up by an Owner.</summary>
public interface IDefaultRichMenu
{
    /// <summary>The id of the rich menu this app made default, or null before the first set-up.</summary>
    Task<string?> GetCurrentIdAsync(CancellationToken ct = default);

    /// <summary>Creates the menu, uploads its image, makes it every user's default (audited). Returns its id.</summary>
    Task<string> CreateAsync(CancellationToken ct = default);
}

/// <summary>Postback data of the default rich menu's areas.</summary>
public static class RichMenuPostbacks
{
    public const string Card = "action=card";
    public const string Register = "action=register";
    public const string Points = "action=points";
    public const string News = "action=news";
}
