using System.Text.Json;
using Membership.Contracts.Automation;

namespace Membership.Automation.Journeys;

/// <summary>
/// The ready-made journeys, created disabled on first use (one row each, by template key). Texts are zh-TW; the console
/// shows each template's name and description in the staff member's language. Points' own expiry reminder (30 days
/// before) stays in Points: it is exactly once per expiry date and Owner-switched already; the template here is a
/// second, last call a week before.
/// </summary>
internal static class JourneyTemplates
{
    public const string Welcome = "welcome";
    public const string Birthday = "birthday";
    public const string WinBack = "win-back";
    public const string Vip = "vip-thanks";
    public const string PointsExpiring = "points-last-call";

    public static IReadOnlyList<string> Keys { get; } = [Welcome, Birthday, WinBack, Vip, PointsExpiring];

    public static SaveJourneyRequest Create(string key) => key switch
    {
        Welcome => new(null, "新好友歡迎旅程", "加入好友 1 天後，尚未註冊的好友收到附註冊連結的提醒。",
            new JourneyTrigger(JourneyTriggerKind.Followed),
            [
                new("wait-1d", JourneyStepKind.Wait, Wait: TimeSpan.FromDays(1)),
                new("registered", JourneyStepKind.Condition, Condition: new JourneyCondition(JourneyConditionKind.Registered), OnYes: JourneyStep.Exit),
                new("remind", JourneyStepKind.SendMessages, Messages: [Text("還沒成為會員嗎？一分鐘完成註冊，馬上領取入會禮 🎁\n{{ register_url }}")]),
            ],
            new JourneyExitRules(), 0, 0, "system"),
        Birthday => new(null, "生日禮旅程", "生日當月 1 日 09:00 送出生日禮券與祝福（每年一次）。請先選擇優惠券。",
            new JourneyTrigger(JourneyTriggerKind.BirthdayMonth),
            [
                new("gift", JourneyStepKind.IssueCoupon),
                new("wish", JourneyStepKind.SendMessages, Messages: [Text("生日快樂，{{ name | default: \"親愛的會員\" }}！🎂 生日禮券已放進您的會員卡，本月有效：\n{{ card_url }}")]),
            ],
            new JourneyExitRules(), 300, 0, "system"),
        WinBack => new(null, "沉睡顧客喚回旅程", "NES 由 E0（主力）轉為 S1（瞌睡）時送出回流優惠券；7 天內沒有消費再提醒一次，消費即結束。",
            new JourneyTrigger(JourneyTriggerKind.NesChanged, From: "E0", To: "S1"),
            [
                new("coupon", JourneyStepKind.IssueCoupon),
                new("wait-7d", JourneyStepKind.Wait, Wait: TimeSpan.FromDays(7)),
                new("purchased", JourneyStepKind.Condition, Condition: new JourneyCondition(JourneyConditionKind.PurchasedSinceEntry), OnYes: JourneyStep.Exit),
                new("reminder", JourneyStepKind.SendMessages, Messages: [Text("{{ name | default: \"親愛的會員\" }}，好久不見！您的回流優惠券還沒使用喔，會員卡裡看得到：\n{{ card_url }}")]),
            ],
            new JourneyExitRules(OnPurchase: true), 30, 10, "system"),
        Vip => new(null, "VIP 升等感謝", "升等到金卡以上時送出感謝訊息，並通知門市親自致謝。",
            new JourneyTrigger(JourneyTriggerKind.TierChanged, Direction: TierDirection.Up, MinRank: 2),
            [
                new("thanks", JourneyStepKind.SendMessages, Messages: [Text("恭喜升等為{{ tier }}！✨ 感謝您一路支持，專屬禮遇已生效：\n{{ card_url }}")]),
                new("notify", JourneyStepKind.NotifyStaff, Note: "新 VIP 升等：請門市下次來店時親自致謝。"),
            ],
            new JourneyExitRules(), 0, 0, "system"),
        PointsExpiring => new(null, "點數到期最後提醒", "點數 7 天內到期時再提醒一次（點數模組在 30 天前已提醒過）。",
            new JourneyTrigger(JourneyTriggerKind.PointsExpiring, Days: 7),
            [
                new("last-call", JourneyStepKind.SendMessages, Messages: [Text("提醒您：{{ expiring_points }} 點將於 {{ expiring_on }} 到期，快來兌換吧！\n{{ card_url }}")]),
            ],
            new JourneyExitRules(OnPurchase: true), 0, 0, "system"),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown journey template."),
    };

    private static JsonElement Text(string text) => JsonSerializer.SerializeToElement(new { type = "text", text });
}
