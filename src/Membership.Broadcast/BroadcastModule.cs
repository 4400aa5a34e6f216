using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Direct;
using Membership.Broadcast.Images;
using Membership.Broadcast.Results;
using Membership.Broadcast.Settings;
using Membership.Broadcast.Testers;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;

namespace Membership.Broadcast;

internal sealed class BroadcastModule(
    CampaignService campaigns, SampleRenderer samples, CampaignResultsService results, TesterService testers, CampaignImages images,
    BroadcastSettingsStore settings, DirectMessages direct)
    : IBroadcastModule
{
    public IReadOnlyList<BroadcastError> CheckMessages(IReadOnlyList<System.Text.Json.JsonElement> messages) => CampaignMessages.Check(messages);

    public Task<IReadOnlyList<Contracts.Line.LineMessage>> RenderForMemberAsync(
        IReadOnlyList<System.Text.Json.JsonElement> messages, Guid memberId, CancellationToken ct = default) => direct.RenderAsync(messages, memberId, ct);

    public Task<IReadOnlyList<MemberCampaign>> ListMemberCampaignsAsync(Guid memberId, int limit = 10, CancellationToken ct = default) =>
        results.ListForMemberAsync(memberId, limit, ct);

    public Task<DirectMessageResult> SendToMemberAsync(DirectMessageRequest request, CancellationToken ct = default) => direct.SendAsync(request, ct);

    public Task<ImageUploadResult> UploadImageAsync(Stream content, string by, CancellationToken ct = default) => images.SaveAsync(content, by, ct);

    public Task<IReadOnlyList<CampaignTester>> ListTestersAsync(CancellationToken ct = default) => testers.ListAsync(ct);

    public Task<AddTesterOutcome> AddTesterAsync(string memberCode, string by, CancellationToken ct = default) => testers.AddAsync(memberCode, by, ct);

    public Task<bool> RemoveTesterAsync(Guid memberId, string by, CancellationToken ct = default) => testers.RemoveAsync(memberId, by, ct);

    public Task<TestSendResult> TestSendAsync(Guid campaignId, Guid sendKey, string by, CancellationToken ct = default) =>
        testers.SendAsync(campaignId, sendKey, by, ct);

    public Task<CampaignRendering> RenderSampleAsync(
        IReadOnlyList<System.Text.Json.JsonElement> messages, Guid? memberId, Guid? couponDefinitionId, CancellationToken ct = default) =>
        samples.RenderAsync(messages, memberId, couponDefinitionId, ct);

    public Task<CreateCampaignResult> CreateCampaignAsync(CreateCampaignRequest request, CancellationToken ct = default) => campaigns.CreateAsync(request, ct);

    public Task<Campaign?> GetCampaignAsync(Guid campaignId, CancellationToken ct = default) => campaigns.GetAsync(campaignId, ct);

    public Task<PagedResult<Campaign>> ListCampaignsAsync(PageRequest page, CancellationToken ct = default) => campaigns.ListAsync(page, ct);

    public Task<IReadOnlyList<Campaign>> ListOccurrencesAsync(Guid seriesId, CancellationToken ct = default) => campaigns.ListOccurrencesAsync(seriesId, ct);

    public Task<CampaignPreview?> PreviewAsync(Guid campaignId, CancellationToken ct = default) => campaigns.PreviewAsync(campaignId, ct);

    public Task<ScheduleCampaignResult> ScheduleAsync(ScheduleCampaignRequest request, CancellationToken ct = default) => campaigns.ScheduleAsync(request, ct);

    public Task<bool> CancelAsync(Guid campaignId, string by, CancellationToken ct = default) => campaigns.CancelAsync(campaignId, by, ct);

    public Task<bool> PauseAsync(Guid campaignId, string by, CancellationToken ct = default) => campaigns.PauseAsync(campaignId, by, ct);

    public Task<bool> ResumeAsync(Guid campaignId, string by, CancellationToken ct = default) => campaigns.ResumeAsync(campaignId, by, ct);

    public Task<PagedResult<CampaignRecipient>> ListRecipientsAsync(Guid campaignId, RecipientStatus? status, PageRequest page, CancellationToken ct = default) =>
        campaigns.ListRecipientsAsync(campaignId, status, page, ct);

    public Task<CampaignResults?> GetResultsAsync(Guid campaignId, bool lineFigures = true, CancellationToken ct = default) =>
        results.GetAsync(campaignId, lineFigures, ct);

    public IAsyncEnumerable<RecipientOutcome> StreamOutcomesAsync(Guid campaignId, CancellationToken ct = default) =>
        results.StreamOutcomesAsync(campaignId, ct);

    public Task<BroadcastSettings> GetSettingsAsync(CancellationToken ct = default) => settings.GetAsync(ct);

    public Task<IReadOnlyList<BroadcastError>> SaveSettingsAsync(BroadcastSettings value, string by, CancellationToken ct = default) =>
        settings.SaveAsync(value, by, ct);
}
