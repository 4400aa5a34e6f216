using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using Membership.Contracts.Line;

namespace Membership.Broadcast.Campaigns;

/// <summary>A recipient's personal fields, as templates name them.</summary>
/// <param name="ExpiringPoints">Points that expire within <see cref="MessageRenderer.ExpiringWithinDays"/> days, and the first such date.</param>
internal sealed record PersonalFields(
    string? Name, long Points, string? Tier, string MemberCode, long ExpiringPoints = 0, DateOnly? ExpiringOn = null,
    string? CouponCode = null, string? CouponName = null, string? LineUserId = null, string? RegisterUrl = null, string? CardUrl = null)
{
    public static PersonalFields Unknown { get; } = new(null, 0, null, "");
}

/// <summary>
/// Renders a campaign's messages for one recipient with Liquid (Fluid): <c>{{ name | default: "親愛的會員" }}</c>,
/// <c>{{ points }}</c>, <c>{{ tier }}</c>, <c>{{ member_code }}</c>, <c>{{ expiring_points }}</c>, <c>{{ expiring_on }}</c>,
/// <c>{{ coupon_code }}</c>, <c>{{ coupon_name }}</c>; for one member's messages (journeys, auto-replies) also
/// <c>{{ register_url }}</c> and <c>{{ card_url }}</c>, the member's signed links. Values are inserted into JSON strings, so a name can never change
/// the message's structure. Templates are parsed once per campaign; links are then replaced by the recipient's tracked links.
/// </summary>
internal sealed class MessageRenderer
{
    public const int ExpiringWithinDays = 30;

    private readonly JsonArray _messages;
    private readonly IReadOnlyList<string> _links;
    private readonly Dictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);

    public MessageRenderer(string messagesJson, IReadOnlyList<string>? links = null)
    {
        _messages = JsonNode.Parse(messagesJson)!.AsArray();
        _links = links ?? [];
        Collect(_messages);
    }

    /// <summary>The messages as they are, for identical content (no template fields).</summary>
    public IReadOnlyList<LineMessage> Plain() => CampaignMessages.ToLine(_messages.Select(m => m!));

    /// <param name="trackedLinks">The recipient's tracked URL for each of the campaign's links, by index; null leaves links as written.</param>
    public async Task<IReadOnlyList<LineMessage>> RenderAsync(PersonalFields fields, IReadOnlyList<string>? trackedLinks = null) =>
        CampaignMessages.ToLine(await RenderJsonAsync(fields, trackedLinks));

    public async Task<List<JsonNode>> RenderJsonAsync(PersonalFields fields, IReadOnlyList<string>? trackedLinks = null)
    {
        var context = new TemplateContext { CultureInfo = CultureInfo.GetCultureInfo("zh-TW") };
        context.SetValue("name", Text(fields.Name));
        context.SetValue("points", NumberValue.Create(fields.Points));
        context.SetValue("tier", Text(fields.Tier));
        context.SetValue("member_code", Text(fields.MemberCode));
        context.SetValue("expiring_points", NumberValue.Create(fields.ExpiringPoints));
        context.SetValue("expiring_on", Text(fields.ExpiringOn?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)));
        context.SetValue("coupon_code", Text(fields.CouponCode));
        context.SetValue("coupon_name", Text(fields.CouponName));
        context.SetValue("register_url", Text(fields.RegisterUrl));
        context.SetValue("card_url", Text(fields.CardUrl));
        var rendered = new List<JsonNode>(_messages.Count);
        foreach (var message in _messages)
        {
            rendered.Add(await RenderNodeAsync(message!, context));
        }

        if (trackedLinks is not null && _links.Count > 0)
        {
            Results.TrackedLinks.Rewrite(rendered, _links, trackedLinks);
        }

        return rendered;
    }

    private async Task<JsonNode> RenderNodeAsync(JsonNode node, TemplateContext context)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = value is null ? null : await RenderNodeAsync(value, context);
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(item is null ? null : await RenderNodeAsync(item, context));
                }

                return items;
            case JsonValue value when value.TryGetValue<string>(out var text) && _templates.TryGetValue(text, out var template):
                return JsonValue.Create(await template.RenderAsync(context))!;
            default:
                return node.DeepClone();
        }
    }

    private void Collect(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && !_templates.ContainsKey(text) && CampaignMessages.IsTemplate(text):
                _templates[text] = CampaignMessages.Parser.Parse(text);
                break;
        }
    }

    // An empty field is nil, so Liquid's default filter gives the fallback.
    private static FluidValue Text(string? value) => string.IsNullOrWhiteSpace(value) ? NilValue.Instance : StringValue.Create(value);
}
