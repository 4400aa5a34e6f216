using System.Text.Json;
using System.Text.Json.Nodes;

namespace Membership.Web.Components.Pages.Broadcast;

/// <summary>Ready-made LINE messages the composer inserts: flex product card, member card, coupon card, and an image.</summary>
internal static class CampaignTemplates
{
    public const string ProductCard = "product";
    public const string MemberCard = "member";
    public const string CouponCard = "coupon";
    public const string Image = "image";

    public static IReadOnlyList<string> All { get; } = [ProductCard, MemberCard, CouponCard, Image];

    /// <summary>How the composer shows LINE message JSON: indented, Chinese as written (not \u escapes).</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(string template) => (template switch
    {
        ProductCard => Bubble("新品上市", "https://example.com/product.jpg",
            [Text("秋季限定・桂花烏龍", "bold", "lg"), Text("會員價 NT$120（原價 NT$150）", null, "sm", "#888888")],
            Button("立即選購", "https://example.com/shop")),
        MemberCard => Bubble("會員卡", null,
            [Text("{{ name | default: \"親愛的會員\" }}", "bold", "lg"), Text("等級：{{ tier | default: \"一般會員\" }}", null, "sm"),
             Text("點數：{{ points }} 點", null, "sm"), Text("{{ expiring_points }} 點將於 {{ expiring_on | default: \"近期\" }} 到期", null, "xs", "#888888")],
            Button("查看會員卡", "https://example.com/card")),
        CouponCard => Bubble("專屬優惠券", null,
            [Text("{{ coupon_name | default: \"會員優惠券\" }}", "bold", "lg"), Text("優惠碼：{{ coupon_code }}", null, "md"),
             Text("到店出示優惠碼即可使用", null, "xs", "#888888")],
            Button("查看我的優惠券", "https://example.com/coupons")),
        _ => new JsonObject
        {
            ["type"] = "image",
            ["originalContentUrl"] = "https://example.com/banner.jpg",
            ["previewImageUrl"] = "https://example.com/banner-preview.jpg",
        },
    }).ToJsonString(Indented);

    private static JsonObject Bubble(string altText, string? heroUrl, JsonNode[] body, JsonNode footer)
    {
        var bubble = new JsonObject
        {
            ["type"] = "bubble",
            ["body"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["spacing"] = "sm", ["contents"] = new JsonArray(body) },
            ["footer"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = new JsonArray(footer) },
        };
        if (heroUrl is not null)
        {
            bubble["hero"] = new JsonObject { ["type"] = "image", ["url"] = heroUrl, ["size"] = "full", ["aspectMode"] = "cover", ["aspectRatio"] = "20:13" };
        }

        return new JsonObject { ["type"] = "flex", ["altText"] = altText, ["contents"] = bubble };
    }

    private static JsonObject Text(string text, string? weight, string size, string? color = null)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text, ["size"] = size, ["wrap"] = true };
        if (weight is not null)
        {
            node["weight"] = weight;
        }

        if (color is not null)
        {
            node["color"] = color;
        }

        return node;
    }

    private static JsonObject Button(string label, string uri) => new()
    {
        ["type"] = "button", ["style"] = "primary", ["action"] = new JsonObject { ["type"] = "uri", ["label"] = label, ["uri"] = uri },
    };
}
