using System.Text.Json;
using Membership.Broadcast.Audience;
using Membership.Broadcast.Persistence;
using Membership.Broadcast.Dispatch;
using Membership.Broadcast.Results;
using Membership.Broadcast.Settings;
using Membership.Contracts.Audit;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Membership.Broadcast.Campaigns;

/// <summary>Drafts, preview, scheduling and the state changes a marketer makes; the dispatcher does the sending.</summary>
internal sealed class CampaignService(
    IDbContextFactory<BroadcastDbContext> contexts,
    ISegmentationModule segmentation,
    AudienceResolver audiences,
    AudienceFreezer freezer,
    BroadcastSettingsStore settingsStore,
    QuotaCheck quota,
    DispatchSignal signal,
    ICouponsModule coupons,
    SampleRenderer samples,
    IAuditTrail audit,
    IOptions<BroadcastOptions> options,
    TimeProvider clock)
{
    public async Task<CreateCampaignResult> CreateAsync(CreateCampaignRequest request, CancellationToken ct)
    {
        var errors = new List<BroadcastError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors.Add(new("name", "A name of 1 to 100 characters is required."));
        }

        if (request.HoldoutPercent is < 0 or > 50)
        {
            errors.Add(new("holdoutPercent", "The holdout is 0 to 50 % of the audience."));
        }

        if (request.AttributionDays is < 1 or > 60)
        {
            errors.Add(new("attributionDays", "The attribution window is 1 to 60 days."));
        }

        errors.AddRange(await audiences.CheckAsync(request.Audience, ct));
        errors.AddRange(CampaignMessages.Check(request.Messages));
        var links = errors.Count == 0 ? TrackedLinks.Extract(request.Messages) : [];
        errors.AddRange(TrackedLinks.Check(links));
        if (links.Count > 0 && options.Value.PublicBaseUrl is null)
        {
            errors.Add(new("messages", $"Links are tracked through this app, but {BroadcastOptions.Section}:{nameof(BroadcastOptions.PublicBaseUrl)} is not set."));
        }

        if (request.CouponDefinitionId is { } couponId
            && !(await coupons.ListActiveDefinitionsAsync(ct: ct)).Any(d => d.Id == couponId))
        {
            errors.Add(new("couponDefinitionId", "No active coupon definition with this id."));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(await samples.ValidateWithLineAsync(request.Messages, request.CouponDefinitionId, ct));
        }

        if (errors.Count > 0)
        {
            return new CreateCampaignResult(null, errors);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var row = new CampaignRow
        {
            Id = id,
            Name = request.Name.Trim(),
            Status = (int)CampaignStatus.Draft,
            AudienceJson = AudienceJson.Write(request.Audience, segmentation),
            MessagesJson = JsonSerializer.Serialize(request.Messages),
            Personalised = CampaignMessages.IsPersonalised(request.Messages) || links.Count > 0 || request.CouponDefinitionId is not null,
            Links = [.. links],
            CouponDefinitionId = request.CouponDefinitionId,
            HoldoutPercent = request.HoldoutPercent,
            AttributionDays = request.AttributionDays,
            AggregationUnit = $"c{id:N}"[..30],
            CreatedAt = now,
            CreatedBy = request.CreatedBy,
            UpdatedAt = now,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Campaigns.Add(row);
        await db.SaveChangesAsync(ct);
        return new CreateCampaignResult(id, []);
    }

    public async Task<Campaign?> GetAsync(Guid campaignId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        return row is null ? null : ToCampaign(row, await CountsAsync(db, [campaignId], ct));
    }

    public async Task<PagedResult<Campaign>> ListAsync(PageRequest page, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var size = Math.Clamp(page.PageSize, 1, 100);
        var total = await db.Campaigns.CountAsync(ct);
        var rows = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAt)
            .Skip((Math.Max(page.Page, 1) - 1) * size).Take(size).ToListAsync(ct);
        var counts = await CountsAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return new PagedResult<Campaign>(rows.Select(r => ToCampaign(r, counts)).ToList(), total, Math.Max(page.Page, 1), size);
    }

    public async Task<CampaignPreview?> PreviewAsync(Guid campaignId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        return row is null ? null : await PreviewAsync(row, ct);
    }

    public async Task<ScheduleCampaignResult> ScheduleAsync(ScheduleCampaignRequest request, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == request.CampaignId, ct);
        if (row is null)
        {
            return new ScheduleCampaignResult(ScheduleOutcome.NotFound, null, null, "No such campaign.");
        }

        if (row.Status != (int)CampaignStatus.Draft)
        {
            return new ScheduleCampaignResult(ScheduleOutcome.NotDraft, row.ScheduledAt, null, $"The campaign is {(CampaignStatus)row.Status}, not a draft.");
        }

        if (!request.Now && request.At is null && request.Recurrence is null)
        {
            return new ScheduleCampaignResult(ScheduleOutcome.Invalid, null, null, "Give a start time, send now, or a recurrence.");
        }

        var now = clock.GetUtcNow();
        if (request.Recurrence is { } rule && Recurrence.Check(rule, now) is { } ruleError)
        {
            return new ScheduleCampaignResult(ScheduleOutcome.Invalid, null, null, ruleError);
        }

        var startsAt = request.Recurrence is { } recurrence ? Recurrence.Next(recurrence, now)!.Value
            : request.Now ? now : request.At!.Value.ToUniversalTime();

        if (startsAt < now.AddMinutes(-1))
        {
            return new ScheduleCampaignResult(ScheduleOutcome.Invalid, startsAt, null, "The start time is in the past.");
        }

        var settings = await settingsStore.GetAsync(ct);
        if (!request.IgnoreQuietHours && QuietHours.Contains(settings, startsAt))
        {
            return new ScheduleCampaignResult(ScheduleOutcome.InsideQuietHours, startsAt, null,
                $"{Shared.Time.TaipeiTime.Format(startsAt)} is inside quiet hours ({settings.QuietStart:HH\\:mm}–{settings.QuietEnd:HH\\:mm} Asia/Taipei); " +
                $"the next allowed start is {Shared.Time.TaipeiTime.Format(QuietHours.NextAllowed(settings, startsAt))}.");
        }

        var preview = await PreviewAsync(row, ct);
        if (preview.QuotaRemaining is { } remaining && preview.QuotaNeeded > remaining)
        {
            return new ScheduleCampaignResult(ScheduleOutcome.QuotaExceeded, startsAt, preview,
                $"The campaign needs {preview.QuotaNeeded:N0} messages; {remaining:N0} remain in this month's LINE quota.");
        }

        (row.Status, row.ScheduledAt, row.IgnoreQuietHours, row.UpdatedAt) = ((int)CampaignStatus.Scheduled, startsAt, request.IgnoreQuietHours, now);
        if (request.Recurrence is { } series)
        {
            // The series itself never sends: its occurrences do, each made when due (OccurrenceSpawner).
            (row.Status, row.RecurrenceJson, row.NextOccurrenceAt) = ((int)CampaignStatus.Recurring, JsonSerializer.Serialize(series, CampaignMessages.Json), startsAt);
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord("campaign.scheduled", "campaign", row.Id.ToString(),
            $"{(request.Recurrence is null ? "starts" : "recurring from")} {Shared.Time.TaipeiTime.Format(startsAt)}; {preview.Recipients} recipients; by {request.By}"), ct);
        signal.Wake();
        return new ScheduleCampaignResult(ScheduleOutcome.Scheduled, startsAt, preview, null);
    }

    /// <summary>A draft or scheduled campaign before it starts, or a recurring series (its started occurrences go on).</summary>
    public Task<bool> CancelAsync(Guid campaignId, string by, CancellationToken ct) =>
        TransitionAsync(campaignId, [CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Recurring], CampaignStatus.Cancelled, by, ct, frozen: false);

    public async Task<IReadOnlyList<Campaign>> ListOccurrencesAsync(Guid seriesId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Campaigns.AsNoTracking().Where(c => c.SeriesId == seriesId).OrderByDescending(c => c.ScheduledAt).Take(100).ToListAsync(ct);
        var counts = await CountsAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => ToCampaign(r, counts)).ToList();
    }

    public Task<bool> PauseAsync(Guid campaignId, string by, CancellationToken ct) =>
        TransitionAsync(campaignId, [CampaignStatus.Sending], CampaignStatus.Paused, by, ct);

    public async Task<bool> ResumeAsync(Guid campaignId, string by, CancellationToken ct)
    {
        var resumed = await TransitionAsync(campaignId, [CampaignStatus.Paused], CampaignStatus.Sending, by, ct);
        signal.Wake();
        return resumed;
    }

    public async Task<PagedResult<CampaignRecipient>> ListRecipientsAsync(Guid campaignId, RecipientStatus? status, PageRequest page, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Recipients.AsNoTracking().Where(r => r.CampaignId == campaignId);
        if (status is { } s)
        {
            query = query.Where(r => r.Status == (int)s);
        }

        var size = Math.Clamp(page.PageSize, 1, PageRequest.MaxPageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.MemberId).Skip((Math.Max(page.Page, 1) - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<CampaignRecipient>(
            rows.Select(r => new CampaignRecipient(r.MemberId, r.LineUserId, (RecipientStatus)r.Status, r.Reason, r.SentAt)).ToList(),
            total, Math.Max(page.Page, 1), size);
    }

    private async Task<CampaignPreview> PreviewAsync(CampaignRow row, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var audience = await audiences.CompileAsync(AudienceJson.Read(row.AudienceJson, segmentation), ct);
        var counts = await freezer.CountAsync(row.Id, audience, row.HoldoutPercent, settings, ct);
        var (known, remaining) = await quota.RemainingAsync(ct);
        return new CampaignPreview(counts.Audience, counts.Reachable, counts.Capped, counts.Holdout, counts.Recipients, counts.Recipients, remaining, known);
    }

    private async Task<bool> TransitionAsync(Guid campaignId, CampaignStatus[] from, CampaignStatus to, string by, CancellationToken ct, bool frozen = true)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var allowed = from.Select(s => (int)s).ToList();
        var now = clock.GetUtcNow();
        var changed = await db.Campaigns
            .Where(c => c.Id == campaignId && allowed.Contains(c.Status) && (frozen || c.FrozenAt == null))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, (int)to).SetProperty(c => c.UpdatedAt, now), ct);
        if (changed == 1)
        {
            await audit.RecordAsync(new AuditRecord($"campaign.{to.ToString().ToLowerInvariant()}", "campaign", campaignId.ToString(), $"by {by}"), ct);
        }

        return changed == 1;
    }

    /// <summary>
    /// Progress from the batches (a few thousand rows even for a million recipients) and the counts fixed at the freeze;
    /// the recipients themselves are not scanned, so a console refreshing every second costs little during a send.
    /// </summary>
    private static async Task<Dictionary<Guid, CampaignCounts>> CountsAsync(BroadcastDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var frozen = await db.Campaigns.Where(c => ids.Contains(c.Id) && c.FrozenAt != null)
            .Select(c => new { c.Id, Audience = c.FrozenAudience ?? 0, Skipped = c.FrozenSkipped ?? 0, Holdout = c.FrozenHoldout ?? 0 }).ToListAsync(ct);
        var batches = await db.Batches.Where(b => ids.Contains(b.CampaignId))
            .GroupBy(b => new { b.CampaignId, b.Status }).Select(g => new { g.Key.CampaignId, g.Key.Status, Batches = g.Count(), Recipients = g.Sum(b => b.Size) })
            .ToListAsync(ct);
        return ids.ToDictionary(id => id, id =>
        {
            var f = frozen.FirstOrDefault(x => x.Id == id);
            var mine = batches.Where(b => b.CampaignId == id).ToList();
            int Of(int status) => mine.Where(b => b.Status == status).Sum(b => b.Recipients);
            return f is null
                ? new CampaignCounts(0, 0, 0, 0, 0, 0, 0, 0)
                : new CampaignCounts(f.Audience, Of(BatchStatus.Pending), Of(BatchStatus.Sent), Of(BatchStatus.Failed), f.Skipped, f.Holdout,
                    mine.Sum(b => b.Batches), mine.Where(b => b.Status == BatchStatus.Sent).Sum(b => b.Batches));
        });
    }

    private Campaign ToCampaign(CampaignRow row, IReadOnlyDictionary<Guid, CampaignCounts> counts) => new(
        row.Id, row.Name, (CampaignStatus)row.Status, AudienceJson.Read(row.AudienceJson, segmentation), AudienceJson.Messages(row.MessagesJson),
        row.Personalised, row.HoldoutPercent, row.AttributionDays, row.ScheduledAt, row.IgnoreQuietHours, row.CreatedAt, row.CreatedBy,
        row.StartedAt, row.FinishedAt, row.Error, counts.GetValueOrDefault(row.Id) ?? new CampaignCounts(0, 0, 0, 0, 0, 0, 0, 0),
        row.Links, row.CouponDefinitionId, row.FrozenAt,
        row.RecurrenceJson is null ? null : JsonSerializer.Deserialize<CampaignRecurrence>(row.RecurrenceJson, CampaignMessages.Json),
        row.SeriesId, row.NextOccurrenceAt);
}
