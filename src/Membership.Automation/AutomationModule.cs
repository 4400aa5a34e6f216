using Membership.Automation.AutoReplies;
using Membership.Automation.Journeys;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;

namespace Membership.Automation;

internal sealed class AutomationModule(AutoReplyStore autoReplies, JourneyStore journeys, JourneyStats stats, TimeProvider clock) : IAutomationModule
{
    public Task<IReadOnlyList<AutoReplyRule>> ListAutoRepliesAsync(CancellationToken ct = default) => autoReplies.ListAsync(ct);

    public Task<AutoReplyRule?> GetAutoReplyAsync(Guid ruleId, CancellationToken ct = default) => autoReplies.GetAsync(ruleId, ct);

    public Task<SaveAutoReplyResult> SaveAutoReplyAsync(SaveAutoReplyRequest request, CancellationToken ct = default) => autoReplies.SaveAsync(request, ct);

    public Task<bool> DeleteAutoReplyAsync(Guid ruleId, string by, CancellationToken ct = default) => autoReplies.DeleteAsync(ruleId, ct);

    public Task<DefaultReply> GetDefaultReplyAsync(CancellationToken ct = default) => autoReplies.GetDefaultAsync(ct);

    public Task<IReadOnlyList<AutomationError>> SaveDefaultReplyAsync(DefaultReply reply, string by, CancellationToken ct = default) =>
        autoReplies.SaveDefaultAsync(reply, by, ct);

    public Task<IReadOnlyList<Journey>> ListJourneysAsync(CancellationToken ct = default) => journeys.ListAsync(ct);

    public Task<JourneyDetail?> GetJourneyAsync(Guid journeyId, CancellationToken ct = default) => stats.GetAsync(journeyId, ct);

    public Task<SaveJourneyResult> SaveJourneyAsync(SaveJourneyRequest request, CancellationToken ct = default) => journeys.SaveAsync(request, ct);

    public async Task<JourneyActivation> ActivateJourneyAsync(Guid journeyId, string by, CancellationToken ct = default)
    {
        var (change, errors) = await journeys.ActivateAsync(journeyId, by, ct);
        return new JourneyActivation(change, errors);
    }

    public Task<JourneyStatusChange> PauseJourneyAsync(Guid journeyId, string by, CancellationToken ct = default) => journeys.PauseAsync(journeyId, by, ct);

    public Task<IReadOnlyList<MemberJourneyRun>> ListMemberRunsAsync(Guid memberId, CancellationToken ct = default) => stats.ListMemberRunsAsync(memberId, ct);

    public Task<PagedResult<StaffNotification>> ListNotificationsAsync(bool unreadOnly, PageRequest page, CancellationToken ct = default) =>
        stats.ListNotificationsAsync(unreadOnly, page, ct);

    public Task<bool> MarkNotificationReadAsync(Guid notificationId, string by, CancellationToken ct = default) =>
        stats.MarkReadAsync(notificationId, by, clock.GetUtcNow(), ct);
}
