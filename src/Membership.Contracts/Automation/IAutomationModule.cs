using Membership.Contracts.Common;

namespace Membership.Contracts.Automation;

/// <summary>
/// The Automation module: keyword auto-replies answered with LINE's free reply token, and member journeys (a trigger,
/// then steps: waits, conditions, messages, coupons, points, tags, staff notifications). Each step of each member's run
/// executes once across redeliveries, restarts and instances; waits are rows with a due time.
/// </summary>
public interface IAutomationModule
{
    /// <summary>By priority, then name, with each rule's counts.</summary>
    Task<IReadOnlyList<AutoReplyRule>> ListAutoRepliesAsync(CancellationToken ct = default);

    Task<AutoReplyRule?> GetAutoReplyAsync(Guid ruleId, CancellationToken ct = default);

    /// <summary>Creates (no id) or updates a rule; refused with the path of each error (no keywords, invalid messages).</summary>
    Task<SaveAutoReplyResult> SaveAutoReplyAsync(SaveAutoReplyRequest request, CancellationToken ct = default);

    Task<bool> DeleteAutoReplyAsync(Guid ruleId, string by, CancellationToken ct = default);

    Task<DefaultReply> GetDefaultReplyAsync(CancellationToken ct = default);

    Task<IReadOnlyList<AutomationError>> SaveDefaultReplyAsync(DefaultReply reply, string by, CancellationToken ct = default);

    /// <summary>Every journey, the ready-made ones included, by name.</summary>
    Task<IReadOnlyList<Journey>> ListJourneysAsync(CancellationToken ct = default);

    /// <summary>The journey with its per-step funnel and conversions; null when unknown.</summary>
    Task<JourneyDetail?> GetJourneyAsync(Guid journeyId, CancellationToken ct = default);

    /// <summary>Creates or edits a journey (steps of an active one apply to runs from their next step on).</summary>
    Task<SaveJourneyResult> SaveJourneyAsync(SaveJourneyRequest request, CancellationToken ct = default);

    /// <summary>Starts entries and steps; refused with the errors when a step is incomplete (a ready-made coupon step gets the newest campaign coupon).</summary>
    Task<JourneyActivation> ActivateJourneyAsync(Guid journeyId, string by, CancellationToken ct = default);

    /// <summary>Stops entries and steps; runs wait where they are until the journey is active again.</summary>
    Task<JourneyStatusChange> PauseJourneyAsync(Guid journeyId, string by, CancellationToken ct = default);

    /// <summary>The member's journey runs, newest first, with their steps.</summary>
    Task<IReadOnlyList<MemberJourneyRun>> ListMemberRunsAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>Staff notifications from journeys, newest first.</summary>
    Task<PagedResult<StaffNotification>> ListNotificationsAsync(bool unreadOnly, PageRequest page, CancellationToken ct = default);

    Task<bool> MarkNotificationReadAsync(Guid notificationId, string by, CancellationToken ct = default);
}
