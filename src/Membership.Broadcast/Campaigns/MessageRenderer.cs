using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using Membership.Contracts.Line;

namespace Membership.Broadcast.Campaigns;

/// <summary>A recipient's personal fields, as templates name them.</summary>
internal sealed record PersonalFields(string? Name, long Points, string? Tier, string MemberCode);

/// <summary>
/// Renders a campaign's messages for one recipient with Liquid (Fluid): <c>{{ name | default: "親愛的會員" }}</c>,
/// <c>{{ points }}</c>, <c>{{ tier }}</c>, <c>{{ member_code }}</c>. Values are inserted into JSON strings, so a name
/// can never change the message's structure. Templates are parsed once per campaign.
/// </summary>
internal sealed class MessageRenderer
{
    private readonly JsonArray _messages;
    private readonly Dictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);

    public MessageRenderer(string messagesJson)
    {
        _messages = JsonNode.Parse(messagesJson)!.AsArray();
        Collect(_messages);
    }

    /// <summary>The messages as they are, for identical content (no template fields).</summary>
    public IReadOnlyList<LineMessage> Plain() => CampaignMessages.ToLine(_messages.Select(m => m!));

    public async Task<IReadOnlyList<LineMessage>> RenderAsync(PersonalFields fields)
    {
        var context = new TemplateContext { CultureInfo = CultureInfo.GetCultureInfo("zh-TW") };
        context.SetValue("name", Text(fields.Name));
        context.SetValue("points", NumberValue.Create(fields.Points));
        context.SetValue("tier", Text(fields.Tier));
        context.SetValue("member_code", Text(fields.MemberCode));
        var rendered = new List<JsonNode>(_messages.Count);
        foreach (var message in _messages)
        {
            rendered.Add(await RenderNodeAsync(message!, context));
        }

        return CampaignMessages.ToLine(rendered);
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
