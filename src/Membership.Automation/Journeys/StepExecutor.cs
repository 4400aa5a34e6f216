using Membership.Contracts.Automation;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Conversations;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Shared.Ids;
using Membership.Shared.Time;
using Npgsql;

namespace Membership.Automation.Journeys;

/// <summary>One step of one member's run, as the runner claimed it.</summary>
internal sealed record StepContext(Guid RunId, Guid JourneyId, Guid MemberId, bool Holdout, DateTimeOffset EnteredAt, JourneyStep Step, bool Started, int Attempts);

/// <summary>
/// What a step did: finished (<see cref="RunStepStatus.Done"/>, skipped or failed) with where to go next, or still waiting
/// until <see cref="WaitUntil"/>. <see cref="Next"/> null is the next step; <see cref="JourneyStep.Exit"/> leaves.
/// </summary>
internal sealed record StepResult(RunStepStatus Status, string? Outcome, DateTimeOffset? WaitUntil = null, string? Next = null, bool Messaged = false)
{
    public static StepResult Waiting(DateTimeOffset until, string outcome) => new(RunStepStatus.Waiting, outcome, until);
}

/// <summary>
/// Runs a step's effect. Every effect is keyed by run and step (LINE's retry key, the coupon's and the points' idempotency
/// keys, the tag's source id), so a step executed again after a crash or by a second instance changes nothing again.
/// The holdout walks the same waits and conditions but gets nothing.
/// </summary>
internal sealed class StepExecutor(
    IBroadcastModule broadcast,
    ICouponsModule coupons,
    IPointsModule points,
    ITagsModule tags,
    IMembersModule members,
    ISegmentationModule segmentation,
    IConversationsModule conversations,
    NpgsqlDataSource dataSource,
    TimeProvider clock)
{
    public const int MaxSendAttempts = 10;

    public static string EffectKey(Guid runId, string stepId) => $"journey:{runId:N}:{stepId}";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken ct)
    {
        var step = context.Step;
        var now = clock.GetUtcNow();
        if (context.Holdout && step.Kind is not (JourneyStepKind.Wait or JourneyStepKind.Condition))
        {
            return new StepResult(RunStepStatus.Skipped, "holdout", Messaged: step.Kind == JourneyStepKind.SendMessages);
        }

        switch (step.Kind)
        {
            case JourneyStepKind.Wait:
                var until = context.Started ? now : WaitUntil(step, now);
                return until > now ? StepResult.Waiting(until, $"until {TaipeiTime.Format(until)}") : new StepResult(RunStepStatus.Done, null);
            case JourneyStepKind.Condition:
                var yes = await HoldsAsync(step.Condition!, context, ct);
                return new StepResult(RunStepStatus.Done, yes ? "yes" : "no", Next: yes ? step.OnYes : step.OnNo);
            case JourneyStepKind.SendMessages:
                return await SendAsync(context, ct);
            case JourneyStepKind.IssueCoupon:
                if (await QuietUntilAsync(now, ct) is { } quietEnd)
                {
                    return StepResult.Waiting(quietEnd, "quiet hours"); // the coupon is announced by a push
                }

                var issued = await coupons.IssueAsync(new IssueCouponRequest(
                    step.CouponDefinitionId!.Value, context.MemberId, EffectKey(context.RunId, step.Id), $"journey:{context.JourneyId}"), ct);
                return issued.Succeeded
                    ? new StepResult(RunStepStatus.Done, issued.Coupon?.Code, Messaged: true)
                    : new StepResult(RunStepStatus.Failed, $"coupon: {issued.Outcome}");
            case JourneyStepKind.GivePoints:
                var balance = await points.GrantAsync(new GrantPointsRequest(
                    context.MemberId, step.Points!.Value, "journey", step.Note ?? "旅程贈點", EffectKey(context.RunId, step.Id)), ct);
                return new StepResult(RunStepStatus.Done, $"+{step.Points} → {balance.Balance}");
            case JourneyStepKind.AddTag:
                var tagged = await tags.TagMemberAsync(new TagMemberRequest(
                    context.MemberId, step.TagId!.Value, TagActor.System("journey"), EffectKey(context.RunId, step.Id)), ct);
                return new StepResult(RunStepStatus.Done, tagged.Outcome.ToString());
            case JourneyStepKind.RemoveTag:
                var removed = await tags.UntagMemberAsync(new UntagMemberRequest(context.MemberId, step.TagId!.Value, TagActor.System("journey")), ct);
                return new StepResult(RunStepStatus.Done, removed ? "removed" : "not tagged");
            case JourneyStepKind.NotifyStaff:
                return new StepResult(RunStepStatus.Done, "notified"); // the runner writes the notification in its transaction
            default:
                return new StepResult(RunStepStatus.Failed, $"unknown step kind {step.Kind}");
        }
    }

    /// <summary>The end of a wait: after the duration, then (when set) the next such weekday and / or time of day in Asia/Taipei.</summary>
    public static DateTimeOffset WaitUntil(JourneyStep step, DateTimeOffset now)
    {
        var at = now + (step.Wait ?? TimeSpan.Zero);
        if (step.UntilWeekday is null && step.UntilTime is null)
        {
            return at;
        }

        var local = TaipeiTime.ToTaipei(at);
        var time = step.UntilTime ?? TimeOnly.FromTimeSpan(local.TimeOfDay);
        var candidate = new DateTimeOffset(local.Date + time.ToTimeSpan(), local.Offset);
        if (candidate < local)
        {
            candidate = candidate.AddDays(1);
        }

        while (step.UntilWeekday is { } weekday && candidate.DayOfWeek != weekday)
        {
            candidate = candidate.AddDays(1);
        }

        return candidate.ToUniversalTime();
    }

    /// <summary>The end of Broadcast's quiet hours when <paramref name="now"/> is inside them.</summary>
    private async Task<DateTimeOffset?> QuietUntilAsync(DateTimeOffset now, CancellationToken ct)
    {
        var settings = await broadcast.GetSettingsAsync(ct);
        var local = TaipeiTime.ToTaipei(now);
        if (!AutoReplies.KeywordMatcher.InWindow(new ReplyWindow(settings.QuietStart, settings.QuietEnd), TimeOnly.FromTimeSpan(local.TimeOfDay))
            || settings.QuietStart == settings.QuietEnd)
        {
            return null;
        }

        var end = new DateTimeOffset(local.Date + settings.QuietEnd.ToTimeSpan(), local.Offset);
        return (end > local ? end : end.AddDays(1)).ToUniversalTime();
    }

    private async Task<StepResult> SendAsync(StepContext context, CancellationToken ct)
    {
        var key = DeterministicGuid.From(EffectKey(context.RunId, context.Step.Id));
        var result = await broadcast.SendToMemberAsync(new DirectMessageRequest(key, context.MemberId, context.Step.Messages!, $"journey:{context.JourneyId}", AggregationUnit: JourneyUnit(context.JourneyId)), ct);
        if (result is { Outcome: DirectMessageOutcome.Sent, Sent: { Count: > 0 } sent } && await members.GetAsync(context.MemberId, ct) is { LineUserId: { } lineUserId })
        {
            // Staff see in the chat what the journey told the customer (once per run and step).
            await conversations.RecordOutgoingAsync(new OutgoingChatMessage(lineUserId, sent, MessageAuthor.Journey, SentBy.Push, key, "旅程", ReplyTokenSpent: false), ct);
        }

        return result.Outcome switch
        {
            DirectMessageOutcome.Sent or DirectMessageOutcome.AlreadySent => new StepResult(RunStepStatus.Done, "sent", Messaged: true),
            DirectMessageOutcome.Deferred => StepResult.Waiting(result.RetryAt!.Value, "quiet hours"),
            DirectMessageOutcome.RetryLater when context.Attempts + 1 < MaxSendAttempts => StepResult.Waiting(result.RetryAt!.Value, Trim(result.Error) ?? "retry"),
            DirectMessageOutcome.Capped or DirectMessageOutcome.Unreachable => new StepResult(RunStepStatus.Skipped, Trim(result.Error)),
            _ => new StepResult(RunStepStatus.Failed, Trim(result.Error)),
        };
    }

    private async Task<bool> HoldsAsync(JourneyCondition condition, StepContext context, CancellationToken ct)
    {
        switch (condition.Kind)
        {
            case JourneyConditionKind.HasTag or JourneyConditionKind.LacksTag:
                var has = (await tags.GetMemberTagsAsync(context.MemberId, ct)).Any(t => t.TagId == condition.TagId);
                return has == (condition.Kind == JourneyConditionKind.HasTag);
            case JourneyConditionKind.Registered:
                return (await members.GetAsync(context.MemberId, ct))?.Status == MemberStatus.Registered;
            case JourneyConditionKind.PurchasedSinceEntry:
                await using (var command = dataSource.CreateCommand(
                    "SELECT EXISTS (SELECT 1 FROM points_v_purchases WHERE member_id = @member AND occurred_at >= @since)"))
                {
                    command.Parameters.AddWithValue("member", context.MemberId);
                    command.Parameters.AddWithValue("since", context.EnteredAt);
                    return (bool)(await command.ExecuteScalarAsync(ct))!;
                }

            case JourneyConditionKind.InSegment:
                var definition = segmentation.ParseDefinition(condition.Segment!.Value.GetRawText()).Definition!;
                var compiled = segmentation.CompileMemberIds(definition);
                await using (var command = dataSource.CreateCommand($"SELECT @member__ IN ({compiled.Sql})"))
                {
                    command.Parameters.AddWithValue("member__", context.MemberId);
                    foreach (var parameter in compiled.Parameters)
                    {
                        command.Parameters.Add(((NpgsqlParameter)parameter).Clone());
                    }

                    return (bool)(await command.ExecuteScalarAsync(ct))!;
                }

            default:
                return false;
        }
    }

    /// <summary>The journey's LINE aggregation unit (as campaigns use <c>c{id}</c>): its messages' opens and clicks count together.</summary>
    public static string JourneyUnit(Guid journeyId) => $"j{journeyId:N}"[..30];

    private static string? Trim(string? text) => text is { Length: > 500 } ? text[..500] : text;
}
