using System.Text.Json;
using Membership.Broadcast.Dispatch;
using Membership.Broadcast.Results;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Coupons;
using Membership.Contracts.Line;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Broadcast.Campaigns;

/// <summary>
/// Renders a campaign's messages as one recipient would get them, for the composer's phone preview (a chosen member, or
/// the fallbacks), and has LINE check that rendering before a campaign is saved. The coupon code is a sample; links stay
/// as written in the preview and take a tracked link's length for LINE's check.
/// </summary>
internal sealed partial class SampleRenderer(
    PersonalFieldsReader personalFields,
    ICouponsModule coupons,
    ILineMessagingClient line,
    IOptions<BroadcastOptions> options,
    ILogger<SampleRenderer> logger)
{
    public const string SampleCouponCode = "PREVIEW001";

    // Every field filled, so LINE checks the structure and lengths of a real rendering (a message that is only a field is not empty).
    private static readonly PersonalFields Filled = new("測試會員", 12_345, "金卡會員", "M0000000001", 500, new DateOnly(2026, 12, 31));

    public async Task<CampaignRendering> RenderAsync(IReadOnlyList<JsonElement> messages, Guid? memberId, Guid? couponDefinitionId, CancellationToken ct)
    {
        var errors = CampaignMessages.Check(messages);
        if (errors.Count > 0)
        {
            return new CampaignRendering([], errors);
        }

        var rendered = await RenderJsonAsync(messages, memberId, couponDefinitionId, sampleLinks: false, ct);
        return new CampaignRendering(rendered.Select(m => JsonSerializer.SerializeToElement(m)).ToList(), []);
    }

    /// <summary>LINE's refusals of a sample rendering, each with its path; none when LINE accepts it or cannot be reached.</summary>
    public async Task<IReadOnlyList<BroadcastError>> ValidateWithLineAsync(IReadOnlyList<JsonElement> messages, Guid? couponDefinitionId, CancellationToken ct)
    {
        var rendered = await RenderJsonAsync(messages, null, couponDefinitionId, sampleLinks: true, ct, Filled);
        try
        {
            await line.ValidatePushMessagesAsync(CampaignMessages.ToLine(rendered), ct);
            return [];
        }
        catch (LineApiException ex) when (ex.StatusCode == 400)
        {
            return ex.Details.Count == 0
                ? [new BroadcastError("messages", $"LINE: {ex.LineMessage}")]
                : ex.Details.Select(d => new BroadcastError(d.Property ?? "messages", $"LINE: {d.Message}")).ToList();
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            // Our own checks passed; LINE checks again when the campaign is sent.
            LogValidationSkipped(logger, ex.Message);
            return [];
        }
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode>> RenderJsonAsync(
        IReadOnlyList<JsonElement> messages, Guid? memberId, Guid? couponDefinitionId, bool sampleLinks, CancellationToken ct,
        PersonalFields? sample = null)
    {
        var links = TrackedLinks.Extract(messages);
        var renderer = new MessageRenderer(JsonSerializer.Serialize(messages), links);
        var fields = memberId is { } id
            ? (await personalFields.ReadAsync([id], ct)).GetValueOrDefault(id) ?? PersonalFields.Unknown
            : sample ?? PersonalFields.Unknown;
        if (couponDefinitionId is { } couponId)
        {
            var definition = (await coupons.ListActiveDefinitionsAsync(ct: ct)).FirstOrDefault(d => d.Id == couponId);
            fields = fields with { CouponCode = SampleCouponCode, CouponName = definition?.Name };
        }

        // A tracked link is {base}/r/ and a 60-character token.
        var root = (options.Value.PublicBaseUrl?.AbsoluteUri ?? "https://example.invalid/").TrimEnd('/');
        var tracked = sampleLinks ? links.Select(_ => $"{root}/r/{new string('x', 60)}").ToList() : null;
        return await renderer.RenderJsonAsync(fields, tracked);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE's message validation was skipped: {Reason}")]
    private static partial void LogValidationSkipped(ILogger logger, string reason);
}
