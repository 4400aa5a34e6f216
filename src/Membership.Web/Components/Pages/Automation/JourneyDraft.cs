using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Automation;
using Membership.Contracts.Segmentation;
using Membership.Web.Components.Pages.Broadcast;
using Membership.Web.Segmentation;

namespace Membership.Web.Components.Pages.Automation;

/// <summary>A journey being edited: the trigger and exit rules as form fields, the steps as <see cref="StepDraft"/>s in flow order.</summary>
public sealed class JourneyDraft
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public JourneyTriggerKind TriggerKind { get; set; } = JourneyTriggerKind.Registered;

    public string? From { get; set; }

    public string? To { get; set; }

    public TierDirection? Direction { get; set; }

    public int? Days { get; set; }

    public Guid? TagId { get; set; }

    public Guid? SegmentId { get; set; }

    public int? MinRank { get; set; }

    public bool ExitOnPurchase { get; set; }

    public bool ExitOnBlock { get; set; } = true;

    public bool ExitWhenEntryLapses { get; set; }

    public int ReentryDays { get; set; }

    public decimal HoldoutPercent { get; set; }

    public List<StepDraft> Steps { get; } = [];

    public static JourneyDraft Of(Journey journey)
    {
        var trigger = journey.Trigger;
        var draft = new JourneyDraft
        {
            Name = journey.Name,
            Description = journey.Description,
            TriggerKind = trigger.Kind,
            From = trigger.From,
            To = trigger.To,
            Direction = trigger.Direction,
            Days = trigger.Days,
            TagId = trigger.TagId,
            SegmentId = trigger.SegmentId,
            MinRank = trigger.MinRank,
            ExitOnPurchase = journey.Exit.OnPurchase,
            ExitOnBlock = journey.Exit.OnBlock,
            ExitWhenEntryLapses = journey.Exit.WhenEntryLapses,
            ReentryDays = journey.ReentryDays,
            HoldoutPercent = journey.HoldoutPercent,
        };
        draft.Steps.AddRange(journey.Steps.Select(StepDraft.From));
        return draft;
    }

    /// <summary>Only the fields the trigger's kind reads, so a field left over from another kind never changes what it means.</summary>
    public JourneyTrigger Trigger() => TriggerKind switch
    {
        JourneyTriggerKind.NesChanged or JourneyTriggerKind.RfmChanged => new(TriggerKind, Blank(From), Blank(To)),
        JourneyTriggerKind.TierChanged => new(TriggerKind, To: Blank(To), Direction: Direction, MinRank: MinRank),
        JourneyTriggerKind.NoPurchaseFor or JourneyTriggerKind.PointsExpiring => new(TriggerKind, Days: Days),
        JourneyTriggerKind.TagAdded => new(TriggerKind, TagId: TagId),
        JourneyTriggerKind.EnteredSegment => new(TriggerKind, SegmentId: SegmentId),
        _ => new(TriggerKind),
    };

    public JourneyExitRules Exit() => new(ExitOnPurchase, ExitOnBlock, ExitWhenEntryLapses);

    /// <summary>A step id not used yet: <c>s1</c>, <c>s2</c>, ….</summary>
    public string NextStepId()
    {
        var n = Steps.Count + 1;
        while (Steps.Any(s => s.Id == $"s{n}"))
        {
            n++;
        }

        return $"s{n}";
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One step being edited, with a field for everything any kind of step needs.</summary>
public sealed class StepDraft
{
    public string Id { get; set; } = "";

    public JourneyStepKind Kind { get; set; }

    public int WaitDays { get; set; }

    public int WaitHours { get; set; }

    public DayOfWeek? UntilWeekday { get; set; }

    public string? UntilTime { get; set; }

    public JourneyConditionKind ConditionKind { get; set; } = JourneyConditionKind.PurchasedSinceEntry;

    public Guid? ConditionTagId { get; set; }

    public SegmentDraftGroup Segment { get; set; } = NewSegment();

    /// <summary><see cref="NextStep"/>, <see cref="JourneyStep.Exit"/>, or a later step's id.</summary>
    public string OnYes { get; set; } = NextStep;

    public string OnNo { get; set; } = NextStep;

    /// <summary>A branch to the following step (null when saved; a select cannot show a null choice).</summary>
    public const string NextStep = "";

    public List<MessageDraft> Messages { get; set; } = [MessageDraft.Text("{{ name | default: \"親愛的會員\" }}，")];

    public Guid? CouponDefinitionId { get; set; }

    public int? Points { get; set; }

    public Guid? TagId { get; set; }

    public string? Note { get; set; }

    public static StepDraft New(string id, JourneyStepKind kind) => new() { Id = id, Kind = kind, WaitDays = kind == JourneyStepKind.Wait ? 1 : 0 };

    public static StepDraft From(JourneyStep step)
    {
        var wait = step.Wait ?? TimeSpan.Zero;
        return new StepDraft
        {
            Id = step.Id,
            Kind = step.Kind,
            WaitDays = wait.Days,
            WaitHours = wait.Hours,
            UntilWeekday = step.UntilWeekday,
            UntilTime = step.UntilTime is { } time ? TimeText.Format(time) : null,
            ConditionKind = step.Condition?.Kind ?? JourneyConditionKind.PurchasedSinceEntry,
            ConditionTagId = step.Condition?.TagId,
            OnYes = step.OnYes ?? NextStep,
            OnNo = step.OnNo ?? NextStep,
            Messages = step.Messages is { Count: > 0 } messages ? MessageDraft.FromAll(messages) : [MessageDraft.Text("")],
            CouponDefinitionId = step.CouponDefinitionId,
            Points = step.Points,
            TagId = step.TagId,
            Note = step.Note,
        };
    }

    /// <summary>The step as saved; <paramref name="segmentation"/> turns the condition's segment into its JSON. Null with the error's path when a field does not parse.</summary>
    public JourneyStep? ToStep(ISegmentationModule segmentation, out string? invalidPath)
    {
        invalidPath = null;
        switch (Kind)
        {
            case JourneyStepKind.Wait:
                var wait = new TimeSpan(WaitDays, WaitHours, 0, 0);
                TimeOnly? until = null;
                if (!string.IsNullOrWhiteSpace(UntilTime))
                {
                    until = TimeText.Parse(UntilTime);
                    if (until is null)
                    {
                        invalidPath = "untilTime";
                        return null;
                    }
                }

                return new JourneyStep(Id, Kind, Wait: wait > TimeSpan.Zero ? wait : null, UntilWeekday: UntilWeekday, UntilTime: until);
            case JourneyStepKind.Condition:
                JsonElement? segment = null;
                if (ConditionKind == JourneyConditionKind.InSegment && Segment.ToNode() is { } node)
                {
                    segment = JsonSerializer.Deserialize<JsonElement>(segmentation.ToJson(node));
                }

                var needsTag = ConditionKind is JourneyConditionKind.HasTag or JourneyConditionKind.LacksTag;
                return new JourneyStep(Id, Kind, Condition: new JourneyCondition(ConditionKind, needsTag ? ConditionTagId : null, segment), OnNo: Branch(OnNo), OnYes: Branch(OnYes));
            case JourneyStepKind.SendMessages:
                if (!MessageDraft.TryParseAll(Messages, out var messages, out var invalid))
                {
                    invalidPath = $"messages[{invalid[0]}]";
                    return null;
                }

                return new JourneyStep(Id, Kind, Messages: messages);
            case JourneyStepKind.IssueCoupon:
                return new JourneyStep(Id, Kind, CouponDefinitionId: CouponDefinitionId);
            case JourneyStepKind.GivePoints:
                return new JourneyStep(Id, Kind, Points: Points, Note: Note);
            case JourneyStepKind.AddTag or JourneyStepKind.RemoveTag:
                return new JourneyStep(Id, Kind, TagId: TagId);
            default:
                return new JourneyStep(Id, Kind, Note: Note);
        }
    }

    private static string? Branch(string target) => target == NextStep ? null : target;

    public void LoadSegment(JourneyStep step, ISegmentationModule segmentation)
    {
        if (step.Condition?.Segment is { } json && segmentation.ParseDefinition(json.GetRawText()).Definition is { } node)
        {
            Segment = SegmentDraftGroup.FromNode(node);
        }
    }

    private static SegmentDraftGroup NewSegment()
    {
        var group = new SegmentDraftGroup();
        group.Items.Add(new SegmentDraftCondition());
        return group;
    }
}

/// <summary>Times of day as staff type them (<c>9:00</c>, <c>21:00</c>).</summary>
public static class TimeText
{
    public static TimeOnly? Parse(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
