using System.Text.RegularExpressions;
using Membership.Contracts.Automation;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Segmentation;

namespace Membership.Automation.Journeys;

/// <summary>
/// Checks a journey before it is saved: a trigger with what its kind needs, 1-30 steps with unique short ids, each step
/// complete (a wait of 1 minute to 365 days, valid messages, a coupon, points 1-100,000, a tag), and branches that only
/// jump forward (so each step of a run happens at most once). <paramref name="forActivation"/> also requires the coupon.
/// </summary>
internal sealed partial class JourneyValidator(IBroadcastModule broadcast, ISegmentationModule segmentation)
{
    public const int MaxSteps = 30;

    public IReadOnlyList<AutomationError> Validate(SaveJourneyRequest request, bool forActivation)
    {
        var errors = new List<AutomationError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors.Add(new("name", "請輸入 1-100 字的名稱。"));
        }

        if (request.HoldoutPercent is < 0 or > 50)
        {
            errors.Add(new("holdoutPercent", "對照組比例需介於 0% 到 50%。"));
        }

        if (request.ReentryDays is < 0 or > 3650)
        {
            errors.Add(new("reentryDays", "重新進入天數需介於 0 到 3650。"));
        }

        errors.AddRange(CheckTrigger(request.Trigger));
        var steps = request.Steps ?? [];
        if (steps.Count is 0 or > MaxSteps)
        {
            errors.Add(new("steps", $"旅程需要 1 到 {MaxSteps} 個步驟。"));
        }

        var ids = steps.Select(s => s.Id).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            errors.AddRange(CheckStep(steps[i], i, ids, forActivation));
        }

        return errors;
    }

    private static IEnumerable<AutomationError> CheckTrigger(JourneyTrigger? trigger)
    {
        if (trigger is null || !Enum.IsDefined(trigger.Kind))
        {
            yield return new("trigger.kind", "請選擇觸發條件。");
            yield break;
        }

        switch (trigger.Kind)
        {
            case JourneyTriggerKind.NoPurchaseFor or JourneyTriggerKind.PointsExpiring when trigger.Days is not (>= 1 and <= 730):
                yield return new("trigger.days", "天數需介於 1 到 730。");
                break;
            case JourneyTriggerKind.TagAdded when trigger.TagId is null:
                yield return new("trigger.tagId", "請選擇標籤。");
                break;
            case JourneyTriggerKind.EnteredSegment when trigger.SegmentId is null:
                yield return new("trigger.segmentId", "請選擇分眾。");
                break;
            case JourneyTriggerKind.NesChanged when trigger.To is not null && !NesStates.Contains(trigger.To):
                yield return new("trigger.to", "NES 狀態只能是 N、E0、S1、S2、S3。");
                break;
        }
    }

    private IEnumerable<AutomationError> CheckStep(JourneyStep step, int index, List<string> ids, bool forActivation)
    {
        var path = $"steps[{index}]";
        if (step.Id is null || !StepId().IsMatch(step.Id) || step.Id == JourneyStep.Exit || ids.IndexOf(step.Id) != index)
        {
            yield return new($"{path}.id", "步驟代號需唯一，1-40 個英數字、- 或 _。");
        }

        switch (step.Kind)
        {
            case JourneyStepKind.Wait:
                if (step.Wait is null && step.UntilWeekday is null && step.UntilTime is null)
                {
                    yield return new($"{path}.wait", "請設定等待時間，或等到星期幾 / 幾點。");
                }
                else if (step.Wait is { } wait && (wait < TimeSpan.FromMinutes(1) || wait > TimeSpan.FromDays(365)))
                {
                    yield return new($"{path}.wait", "等待時間需介於 1 分鐘到 365 天。");
                }

                break;
            case JourneyStepKind.Condition:
                foreach (var error in CheckCondition(step, path, index, ids))
                {
                    yield return error;
                }

                break;
            case JourneyStepKind.SendMessages:
                foreach (var error in broadcast.CheckMessages(step.Messages ?? []))
                {
                    yield return new($"{path}.{error.Path}", error.Message);
                }

                break;
            case JourneyStepKind.IssueCoupon when forActivation && step.CouponDefinitionId is null:
                yield return new($"{path}.couponDefinitionId", "請選擇要發送的優惠券。");
                break;
            case JourneyStepKind.GivePoints when step.Points is not (>= 1 and <= 100_000):
                yield return new($"{path}.points", "點數需介於 1 到 100,000。");
                break;
            case JourneyStepKind.AddTag or JourneyStepKind.RemoveTag when step.TagId is null:
                yield return new($"{path}.tagId", "請選擇標籤。");
                break;
            case JourneyStepKind.NotifyStaff when string.IsNullOrWhiteSpace(step.Note) || step.Note.Length > 1000:
                yield return new($"{path}.note", "請輸入 1-1000 字的通知內容。");
                break;
            case var kind when !Enum.IsDefined(kind):
                yield return new($"{path}.kind", "不支援的步驟類型。");
                break;
        }
    }

    private IEnumerable<AutomationError> CheckCondition(JourneyStep step, string path, int index, List<string> ids)
    {
        if (step.Condition is not { } condition || !Enum.IsDefined(condition.Kind))
        {
            yield return new($"{path}.condition", "請設定條件。");
            yield break;
        }

        if (condition.Kind is JourneyConditionKind.HasTag or JourneyConditionKind.LacksTag && condition.TagId is null)
        {
            yield return new($"{path}.condition.tagId", "請選擇標籤。");
        }

        if (condition.Kind == JourneyConditionKind.InSegment)
        {
            var parsed = condition.Segment is { } json ? segmentation.ParseDefinition(json.GetRawText()) : null;
            if (parsed is null || parsed.Errors.Count > 0)
            {
                yield return new($"{path}.condition.segment", parsed?.Errors.FirstOrDefault()?.Message ?? "請設定分眾條件。");
            }
        }

        foreach (var (target, name) in new[] { (step.OnYes, "onYes"), (step.OnNo, "onNo") })
        {
            if (target is not null && target != JourneyStep.Exit && ids.IndexOf(target) <= index)
            {
                yield return new($"{path}.{name}", "分支只能跳到後面的步驟或結束旅程。");
            }
        }
    }

    private static readonly string[] NesStates = ["N", "E0", "S1", "S2", "S3"];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex StepId();
}
