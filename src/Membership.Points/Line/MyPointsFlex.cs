using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;
using Membership.Contracts.Points;
using Membership.Shared.Time;

namespace Membership.Points.Line;

/// <summary>The 我的點數 bubble: balance, points expiring within 30 days, the latest entries and a link to the card.</summary>
internal static class MyPointsFlex
{
    public static JsonElement Build(PointsBalance balance, IReadOnlyList<PointsLedgerEntry> recent, string cardUrl, string? language)
    {
        var en = CustomerLanguage.IsEnglish(language);
        var body = new JsonArray
        {
            Text(en ? "Balance" : "點數餘額", size: "sm", color: "#888888"),
            Text(en ? $"{balance.Balance:N0} points" : $"{balance.Balance:N0} 點", size: "xxl", bold: true),
            Text(Expiring(balance, en), size: "sm", color: balance.ExpiringWithin30Days > 0 ? "#D0342C" : "#888888", wrap: true),
            new JsonObject { ["type"] = "separator", ["margin"] = "lg" },
            Text(en ? "Recent" : "最近紀錄", size: "sm", color: "#888888", margin: "lg"),
        };
        foreach (var entry in recent)
        {
            body.Add(new JsonObject
            {
                ["type"] = "box",
                ["layout"] = "horizontal",
                ["margin"] = "sm",
                ["contents"] = new JsonArray
                {
                    Text(TaipeiTime.ToTaipei(entry.OccurredAt).ToString("MM/dd", CultureInfo.InvariantCulture), size: "sm", flex: 2),
                    Text(KindLabel(entry.Kind, en), size: "sm", flex: 4),
                    Text(entry.Points.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture), size: "sm", flex: 2, align: "end",
                        color: entry.Points >= 0 ? "#1B873F" : "#D0342C"),
                },
            });
        }

        if (recent.Count == 0)
        {
            body.Add(Text(en ? "No points yet." : "尚無點數紀錄。", size: "sm", color: "#888888"));
        }

        var bubble = new JsonObject
        {
            ["type"] = "bubble",
            ["body"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = body },
            ["footer"] = new JsonObject
            {
                ["type"] = "box",
                ["layout"] = "vertical",
                ["contents"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "button",
                        ["style"] = "primary",
                        ["action"] = new JsonObject { ["type"] = "uri", ["label"] = en ? "Member card" : "會員卡", ["uri"] = cardUrl },
                    },
                },
            },
        };
        return JsonSerializer.SerializeToElement(bubble);
    }

    public static string AltText(PointsBalance balance, string? language) => CustomerLanguage.IsEnglish(language)
        ? $"My points: {balance.Balance:N0}"
        : $"我的點數：{balance.Balance:N0} 點";

    private static string Expiring(PointsBalance balance, bool en) => balance.ExpiringWithin30Days > 0 && balance.NextExpiry is { } next
        ? en
            ? $"{balance.ExpiringWithin30Days:N0} points expire within 30 days (first on {PointsTexts.Date(next)})"
            : $"30 天內到期：{balance.ExpiringWithin30Days:N0} 點（最早 {PointsTexts.Date(next)}）"
        : en ? "No points expire within 30 days." : "30 天內沒有到期的點數。";

    private static string KindLabel(LedgerEntryKind kind, bool en) => kind switch
    {
        LedgerEntryKind.Earn => en ? "Purchase" : "消費累點",
        LedgerEntryKind.Redeem => en ? "Redeemed" : "點數折抵",
        LedgerEntryKind.Expire => en ? "Expired" : "點數到期",
        LedgerEntryKind.Adjust => en ? "Adjusted" : "點數調整",
        LedgerEntryKind.Reverse => en ? "Reversed" : "點數沖回",
        _ => en ? "Gift" : "贈送點數",
    };

    private static JsonObject Text(
        string text, string size, string? color = null, bool bold = false, bool wrap = false, int? flex = null, string? align = null, string? margin = null)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text, ["size"] = size };
        if (color is not null) { node["color"] = color; }
        if (bold) { node["weight"] = "bold"; }
        if (wrap) { node["wrap"] = true; }
        if (flex is not null) { node["flex"] = flex; }
        if (align is not null) { node["align"] = align; }
        if (margin is not null) { node["margin"] = margin; }
        return node;
    }
}
