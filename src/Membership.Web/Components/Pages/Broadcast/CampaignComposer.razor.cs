using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Contracts.Tiers;
using Membership.Web.Components.Pages.Segmentation;
using Membership.Web.Segmentation;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Broadcast;

/// <summary>
/// Composes a draft campaign: the audience (all friends, a saved segment, tags or a definition built in place, minus
/// excluded tags), holdout, attribution window, an optional coupon per recipient, and 1-5 messages (text with personal
/// fields, or LINE message JSON from a template). The phone frame shows them rendered for a chosen member, 400 ms after
/// the last change. <c>?from={id}</c> starts from an earlier campaign ("duplicate as new").
/// </summary>
public sealed partial class CampaignComposer
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(400);

    private List<BreadcrumbItem> _crumbs = [];
    private SegmentChoices? _choices;
    private IReadOnlyList<SavedSegment> _segments = [];
    private IReadOnlyList<CouponDefinition> _coupons = [];
    private string? _name;
    private AudienceKind _audienceKind = AudienceKind.AllFriends;
    private Guid? _segmentId;
    private IReadOnlyCollection<string> _tags = [];
    private IReadOnlyCollection<string> _excludeTags = [];
    private SegmentDraftGroup _definition = NewDefinition();
    private decimal _holdout = 5;
    private int _attributionDays = 7;
    private Guid? _couponId;
    private List<MessageDraft> _messages = [MessageDraft.Text("{{ name | default: \"親愛的會員\" }}，")];
    private MemberSummary? _sampleMember;
    private IReadOnlyList<JsonElement> _rendered = [];
    private IReadOnlyList<BroadcastError> _renderErrors = [];
    private IReadOnlyList<BroadcastError> _errors = [];
    private bool _saving;
    private int _version;
    private int _rendering;

    internal enum AudienceKind
    {
        AllFriends,
        Segment,
        Tags,
        Definition,
    }

    [Inject]
    private IBroadcastModule Broadcast { get; set; } = default!;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ITiersModule Tiers { get; set; } = default!;

    [Inject]
    private ICouponsModule Coupons { get; set; } = default!;

    [Inject]
    private IMemberDirectory Members { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")]
    private Guid? From { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _crumbs = [new(L["Campaign.Nav"], "/campaigns"), new(L["Campaign.New"], null, disabled: true)];
        var tags = (await TagsModule.ListTagsAsync()).Select(t => t.Name).ToList();
        var tiers = (await Tiers.GetProgramAsync()).Tiers.OrderBy(t => t.Rank).Select(t => (t.Code, t.Name(SegmentChoices.English))).ToList();
        _choices = SegmentChoices.Create(L, tags, tiers);
        _segments = await Segmentation.ListSegmentsAsync();
        _coupons = await Coupons.ListActiveDefinitionsAsync();
        if (From is { } from && await Broadcast.GetCampaignAsync(from) is { } source)
        {
            StartFrom(source);
        }

        await RenderPreviewAsync();
    }

    private void StartFrom(Campaign source)
    {
        _name = L["Campaign.CopyOf", source.Name];
        var audience = source.Audience;
        (_audienceKind, _segmentId, _tags, _definition) = audience switch
        {
            { SegmentId: { } id } => (AudienceKind.Segment, (Guid?)id, (IReadOnlyCollection<string>)[], NewDefinition()),
            { Tags: { Count: > 0 } tags } => (AudienceKind.Tags, null, tags.ToList(), NewDefinition()),
            { Definition: { } definition } => (AudienceKind.Definition, null, [], SegmentDraftGroup.FromNode(definition)),
            _ => (AudienceKind.AllFriends, null, [], NewDefinition()),
        };
        _excludeTags = audience.ExcludeTags?.ToList() ?? [];
        (_holdout, _attributionDays, _couponId) = (source.HoldoutPercent, source.AttributionDays, source.CouponDefinitionId);
        _messages = MessageDraft.FromAll(source.Messages);
    }

    private Task CouponChangedAsync(Guid? couponId)
    {
        _couponId = couponId;
        return RenderPreviewAsync();
    }

    private void AudienceKindChanged(AudienceKind kind) => _audienceKind = kind;

    private Task SampleMemberChangedAsync(MemberSummary? member)
    {
        _sampleMember = member;
        return RenderPreviewAsync();
    }

    private async Task<IEnumerable<MemberSummary>> SearchMembersAsync(string? text, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) ? [] : (await Members.SearchAsync(new MemberQuery(Search: text), new PageRequest(1, 10), ct: ct)).Items;

    /// <summary>Re-renders 400 ms after the last change; a newer change in the meantime supersedes this one.</summary>
    private async Task PreviewSoonAsync()
    {
        var version = ++_version;
        await Task.Delay(Debounce);
        if (version == _version)
        {
            await RenderPreviewAsync();
        }
    }

    /// <summary>Renders the preview; a rendering that finishes after a newer one has started is dropped, so a slow answer never shows stale text.</summary>
    private async Task RenderPreviewAsync()
    {
        var rendering = ++_rendering;
        if (!TryMessages(out var messages, out var errors))
        {
            (_rendered, _renderErrors) = ([], errors);
            return;
        }

        var result = await Broadcast.RenderSampleAsync(messages, _sampleMember?.Id, _couponId);
        if (rendering == _rendering)
        {
            (_rendered, _renderErrors) = (result.Messages, result.Errors);
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            if (!TryMessages(out var messages, out var errors))
            {
                _errors = errors;
                return;
            }

            if (Audience() is not { } audience)
            {
                _errors = [new("audience", L["Campaign.AudienceRequired"])];
                return;
            }

            var user = (await Authentication).User;
            var by = user.StaffName();
            var result = await Broadcast.CreateCampaignAsync(new CreateCampaignRequest(_name ?? "", audience, messages, _holdout, _attributionDays, by, _couponId));
            _errors = result.Errors;
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"/campaigns/{result.Id}");
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private CampaignAudience? Audience()
    {
        var exclude = _excludeTags.ToList() is { Count: > 0 } list ? list : null;
        return _audienceKind switch
        {
            AudienceKind.Segment when _segmentId is { } id => new CampaignAudience(SegmentId: id, ExcludeTags: exclude),
            AudienceKind.Tags when _tags.Any() => new CampaignAudience(Tags: _tags.ToList(), ExcludeTags: exclude),
            AudienceKind.Definition when _definition.ToNode() is { } node => new CampaignAudience(Definition: node, ExcludeTags: exclude),
            AudienceKind.AllFriends => new CampaignAudience(AllFriends: true, ExcludeTags: exclude),
            _ => null,
        };
    }

    private bool TryMessages(out List<JsonElement> messages, out IReadOnlyList<BroadcastError> errors)
    {
        var parsed = MessageDraft.TryParseAll(_messages, out messages, out var invalid);
        errors = invalid.Select(i => new BroadcastError($"messages[{i}]", L["Campaign.JsonInvalid"])).ToList();
        return parsed;
    }

    private static SegmentDraftGroup NewDefinition()
    {
        var group = new SegmentDraftGroup();
        group.Items.Add(new SegmentDraftCondition());
        return group;
    }
}
