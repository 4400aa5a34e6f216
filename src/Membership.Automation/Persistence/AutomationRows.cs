namespace Membership.Automation.Persistence;

/// <summary>A keyword auto-reply rule.</summary>
internal sealed class AutoReplyRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Source { get; set; }

    public string[] Keywords { get; set; } = [];

    public int Match { get; set; }

    public int Priority { get; set; }

    public bool Enabled { get; set; }

    public TimeOnly? WindowFrom { get; set; }

    public TimeOnly? WindowTo { get; set; }

    public string MessagesJson { get; set; } = "[]";

    public Guid? AddTagId { get; set; }

    public bool HandOff { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>One answered (or attempted) LINE event, keyed by its webhook event id: a redelivery finds it and answers nothing.</summary>
internal sealed class ReplyLogRow
{
    public string WebhookEventId { get; set; } = "";

    public Guid MemberId { get; set; }

    /// <summary>Null for the default reply.</summary>
    public Guid? RuleId { get; set; }

    public string RuleName { get; set; } = "";

    /// <summary>0 pending, 1 replied, 2 failed.</summary>
    public int Status { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }
}

/// <summary>The module's settings (one row, id 1).</summary>
internal sealed class AutomationSettingsRow
{
    public int Id { get; set; }

    public bool DefaultReplyEnabled { get; set; }

    public string DefaultReplyJson { get; set; } = "[]";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

internal sealed class JourneyRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string? Template { get; set; }

    public int TriggerKind { get; set; }

    public string TriggerJson { get; set; } = "{}";

    public string StepsJson { get; set; } = "[]";

    public string ExitJson { get; set; } = "{}";

    public int Status { get; set; }

    public int ReentryDays { get; set; }

    public decimal HoldoutPercent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>A member's pass through a journey. <see cref="NextStepId"/> and <see cref="DueAt"/> say what runs next and when.</summary>
internal sealed class RunRow
{
    public Guid Id { get; set; }

    public Guid JourneyId { get; set; }

    public Guid MemberId { get; set; }

    /// <summary>What made the member enter (e.g. <c>nes:{run}</c>, <c>birthday:2026</c>): the same occurrence enters once.</summary>
    public string EntryKey { get; set; } = "";

    /// <summary>0 active, 1 completed, 2 exited.</summary>
    public int Status { get; set; }

    public bool Holdout { get; set; }

    public string? NextStepId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? ExitReason { get; set; }

    public string? ExitStepId { get; set; }

    public DateTimeOffset? LastMessageAt { get; set; }
}

/// <summary>One step of one run, keyed by (run, step id): the step's effects are keyed by it too, so it happens once.</summary>
internal sealed class RunStepRow
{
    public Guid RunId { get; set; }

    public string StepId { get; set; } = "";

    public int Kind { get; set; }

    /// <summary>A <see cref="Contracts.Automation.RunStepStatus"/>.</summary>
    public int Status { get; set; }

    public string? Outcome { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}

internal sealed class NotificationRow
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    public string StepId { get; set; } = "";

    public Guid JourneyId { get; set; }

    public Guid MemberId { get; set; }

    public string Text { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public string? ReadBy { get; set; }
}

/// <summary>Who was in an "entered a saved segment" journey's segment at the last check.</summary>
internal sealed class SegmentMemberRow
{
    public Guid JourneyId { get; set; }

    public Guid MemberId { get; set; }
}
