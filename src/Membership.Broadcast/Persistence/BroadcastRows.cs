namespace Membership.Broadcast.Persistence;

internal sealed class CampaignRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Status { get; set; }

    /// <summary>The <see cref="Contracts.Broadcast.CampaignAudience"/> as JSON (definition in its canonical JSON).</summary>
    public string AudienceJson { get; set; } = "{}";

    /// <summary>The LINE message objects as a JSON array, template fields unrendered.</summary>
    public string MessagesJson { get; set; } = "[]";

    public bool Personalised { get; set; }

    /// <summary>The URLs of the messages' links and text, each sent as a tracked link per recipient (<c>/r/{token}</c>).</summary>
    public string[] Links { get; set; } = [];

    /// <summary>Issues one coupon of this definition per recipient at send time.</summary>
    public Guid? CouponDefinitionId { get; set; }

    public decimal HoldoutPercent { get; set; }

    public int AttributionDays { get; set; }

    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>A recurring series' rule (<see cref="Contracts.Broadcast.CampaignRecurrence"/> as JSON); null for a one-off.</summary>
    public string? RecurrenceJson { get; set; }

    /// <summary>A series' next occurrence; null when it is not (or no longer) recurring.</summary>
    public DateTimeOffset? NextOccurrenceAt { get; set; }

    /// <summary>The series an occurrence belongs to.</summary>
    public Guid? SeriesId { get; set; }

    public bool IgnoreQuietHours { get; set; }

    /// <summary>LINE's <c>customAggregationUnits</c> value for this campaign's sends.</summary>
    public string AggregationUnit { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? FrozenAt { get; set; }

    /// <summary>Audience members frozen, and those skipped or held out: fixed once frozen, so progress reads only batches.</summary>
    public int? FrozenAudience { get; set; }

    public int? FrozenSkipped { get; set; }

    public int? FrozenHoldout { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>The instance sending it now, until <see cref="LeaseUntil"/>; another takes over after that.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One member of a frozen audience.</summary>
internal sealed class RecipientRow
{
    public Guid CampaignId { get; set; }

    public Guid MemberId { get; set; }

    public string? LineUserId { get; set; }

    public int Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>The batch (<see cref="BatchRow.Seq"/>) that sends to this recipient; null when not sent to.</summary>
    public int? BatchSeq { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>One LINE request (a multicast of ≤ 500 or one push) with the retry key stored before it is made.</summary>
internal sealed class BatchRow
{
    public Guid CampaignId { get; set; }

    public int Seq { get; set; }

    public Guid RetryKey { get; set; }

    public int Status { get; set; }

    public int Size { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LineRequestId { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A personalised campaign's rendering shared by every recipient of this batch (multicast); null when each is rendered at send time.</summary>
    public string? MessagesJson { get; set; }
}

internal sealed class SettingsRow
{
    public int Id { get; set; } = 1;

    public int CapMessages { get; set; } = 2;

    public int CapDays { get; set; } = 7;

    public TimeOnly QuietStart { get; set; } = new(22, 0);

    public TimeOnly QuietEnd { get; set; } = new(9, 0);

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>The HMAC key of tracked-link tokens, made once from a cryptographic random source.</summary>
    public byte[]? LinkKey { get; set; }
}

/// <summary>The clicks on one tracked link (campaign, recipient, link): the first one counts as the click.</summary>
internal sealed class ClickRow
{
    public Guid CampaignId { get; set; }

    public Guid MemberId { get; set; }

    public short LinkIndex { get; set; }

    public DateTimeOffset FirstClickedAt { get; set; }

    public DateTimeOffset LastClickedAt { get; set; }

    public int Clicks { get; set; }
}

internal static class BatchStatus
{
    public const int Pending = 0;
    public const int Sent = 1;
    public const int Failed = 2;
}

/// <summary>A member flagged by an Owner to receive test sends.</summary>
internal sealed class TesterRow
{
    public Guid MemberId { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public string AddedBy { get; set; } = "";
}

/// <summary>An uploaded campaign image (JPEG or PNG, at most 1 MB).</summary>
internal sealed class ImageRow
{
    public Guid Id { get; set; }

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>One member's messages outside a campaign (a journey step), keyed by the caller's retry key.</summary>
internal sealed class DirectSendRow
{
    public Guid Key { get; set; }

    public Guid MemberId { get; set; }

    public string Source { get; set; } = "";

    /// <summary>0 pending, 1 sent, 2 failed, 3 skipped (as recipients).</summary>
    public int Status { get; set; }

    public string? Reason { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
