using Membership.Contracts.Common;

namespace Membership.Contracts.Broadcast;

/// <summary>
/// The Broadcast module: segmented, scheduled LINE campaigns. The audience is frozen into recipients when a send
/// starts (reachable members only, minus the frequency cap and a random holdout); batches carry retry keys stored
/// before LINE is called, so every batch is accepted by LINE exactly once across retries, restarts and instances.
/// </summary>
public interface IBroadcastModule
{
    /// <summary>A draft campaign; invalid audiences or messages are refused with the path of each error.</summary>
    Task<CreateCampaignResult> CreateCampaignAsync(CreateCampaignRequest request, CancellationToken ct = default);

    /// <summary>The messages as <paramref name="memberId"/> would get them (null: the fallbacks), for the composer's preview.</summary>
    Task<CampaignRendering> RenderSampleAsync(IReadOnlyList<System.Text.Json.JsonElement> messages, Guid? memberId, Guid? couponDefinitionId, CancellationToken ct = default);

    /// <summary>Checks messages as the composer writes them (1-5, each a valid LINE message or template); empty when valid.</summary>
    IReadOnlyList<BroadcastError> CheckMessages(IReadOnlyList<System.Text.Json.JsonElement> messages);

    /// <summary>The messages rendered with the member's fields (links as written), ready for a reply; throws for invalid messages.</summary>
    Task<IReadOnlyList<Line.LineMessage>> RenderForMemberAsync(IReadOnlyList<System.Text.Json.JsonElement> messages, Guid memberId, CancellationToken ct = default);

    /// <summary>
    /// Pushes one member's messages outside a campaign (journeys): quiet hours defer, the frequency cap skips (these sends
    /// count toward the cap like campaign sends), unreachable members are skipped. Idempotent by the request's key.
    /// </summary>
    Task<DirectMessageResult> SendToMemberAsync(DirectMessageRequest request, CancellationToken ct = default);

    Task<Campaign?> GetCampaignAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<PagedResult<Campaign>> ListCampaignsAsync(PageRequest page, CancellationToken ct = default);

    /// <summary>The occurrences a recurring series has made so far, newest first.</summary>
    Task<IReadOnlyList<Campaign>> ListOccurrencesAsync(Guid seriesId, CancellationToken ct = default);

    /// <summary>Who the campaign would reach if it started now, and the quota it would use (nothing is frozen).</summary>
    Task<CampaignPreview?> PreviewAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>Schedules a draft now or at a time; refused inside quiet hours (unless overridden) or beyond the remaining quota.</summary>
    Task<ScheduleCampaignResult> ScheduleAsync(ScheduleCampaignRequest request, CancellationToken ct = default);

    /// <summary>Cancels a draft or scheduled campaign before its send starts; false once it has started or ended.</summary>
    Task<bool> CancelAsync(Guid campaignId, string by, CancellationToken ct = default);

    /// <summary>Pauses a sending campaign after the batches in flight; false when it is not sending.</summary>
    Task<bool> PauseAsync(Guid campaignId, string by, CancellationToken ct = default);

    /// <summary>Resumes a paused campaign where it stopped; false when it is not paused.</summary>
    Task<bool> ResumeAsync(Guid campaignId, string by, CancellationToken ct = default);

    /// <summary>The recipients of a frozen campaign with their status, for the console and the CSV.</summary>
    Task<PagedResult<CampaignRecipient>> ListRecipientsAsync(Guid campaignId, RecipientStatus? status, PageRequest page, CancellationToken ct = default);

    /// <summary>Clicks, redemptions, purchases and lift against the holdout; null for an unknown campaign.</summary>
    /// <param name="lineFigures">Also ask LINE for its opens and clicks (LINE allows 60 such calls an hour: not for lists).</param>
    Task<CampaignResults?> GetResultsAsync(Guid campaignId, bool lineFigures = true, CancellationToken ct = default);

    /// <summary>The campaigns sent to a member, newest first, and whether they clicked a link in each.</summary>
    Task<IReadOnlyList<MemberCampaign>> ListMemberCampaignsAsync(Guid memberId, int limit = 10, CancellationToken ct = default);

    /// <summary>Every frozen audience member with what they did in the window, for the results CSV.</summary>
    IAsyncEnumerable<RecipientOutcome> StreamOutcomesAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>Stores a JPEG or PNG of at most 1 MB for campaign image messages; anything else is refused with the reason.</summary>
    Task<ImageUploadResult> UploadImageAsync(Stream content, string by, CancellationToken ct = default);

    Task<IReadOnlyList<CampaignTester>> ListTestersAsync(CancellationToken ct = default);

    /// <summary>Flags a member (by member code) as a tester; Owners only (the caller checks the role).</summary>
    Task<AddTesterOutcome> AddTesterAsync(string memberCode, string by, CancellationToken ct = default);

    Task<bool> RemoveTesterAsync(Guid memberId, string by, CancellationToken ct = default);

    /// <summary>
    /// Pushes the campaign's messages, rendered for each tester, to the testers who are LINE friends (links as written,
    /// a sample coupon code, no aggregation unit). The same <paramref name="sendKey"/> sends once (a double click).
    /// </summary>
    Task<TestSendResult> TestSendAsync(Guid campaignId, Guid sendKey, string by, CancellationToken ct = default);

    Task<BroadcastSettings> GetSettingsAsync(CancellationToken ct = default);

    Task<IReadOnlyList<BroadcastError>> SaveSettingsAsync(BroadcastSettings settings, string by, CancellationToken ct = default);
}
