using Membership.Automation.Persistence;
using Membership.Contracts.Automation;
using Membership.Contracts.Coupons;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Automation.Journeys;

/// <summary>Journeys: saved only when valid, the ready-made ones created on first use, activated only when complete.</summary>
internal sealed class JourneyStore(
    IDbContextFactory<AutomationDbContext> dbFactory, JourneyValidator validator, ICouponsModule coupons, JourneySignal signal, TimeProvider clock)
{
    public async Task<IReadOnlyList<Journey>> ListAsync(CancellationToken ct)
    {
        await EnsureTemplatesAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Journeys.AsNoTracking().OrderBy(j => j.Name).ToListAsync(ct);
        return rows.Select(JourneyJson.ToJourney).ToList();
    }

    public async Task<Journey?> GetAsync(Guid journeyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.Id == journeyId, ct);
        return row is null ? null : JourneyJson.ToJourney(row);
    }

    /// <summary>Active journeys whose trigger is <paramref name="kind"/>, for the trigger handlers.</summary>
    public async Task<IReadOnlyList<Journey>> ActiveAsync(JourneyTriggerKind kind, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Journeys.AsNoTracking().Where(j => j.Status == (int)JourneyStatus.Active && j.TriggerKind == (int)kind).ToListAsync(ct);
        return rows.Select(JourneyJson.ToJourney).ToList();
    }

    public async Task<SaveJourneyResult> SaveAsync(SaveJourneyRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = request.Id is { } id ? await db.Journeys.FirstOrDefaultAsync(j => j.Id == id, ct) : null;
        if (request.Id is not null && row is null)
        {
            return new SaveJourneyResult(null, [new AutomationError("id", "找不到這個旅程。")]);
        }

        var errors = validator.Validate(request, forActivation: row?.Status == (int)JourneyStatus.Active);
        if (errors.Count > 0)
        {
            return new SaveJourneyResult(null, errors);
        }

        var now = clock.GetUtcNow();
        if (row is null)
        {
            row = new JourneyRow { Id = Guid.CreateVersion7(), CreatedAt = now, Status = (int)JourneyStatus.Draft };
            db.Journeys.Add(row);
        }

        Apply(row, request, now);
        await db.SaveChangesAsync(ct);
        return new SaveJourneyResult(row.Id, []);
    }

    public async Task<(JourneyStatusChange Change, IReadOnlyList<AutomationError> Errors)> ActivateAsync(Guid journeyId, string by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Journeys.FirstOrDefaultAsync(j => j.Id == journeyId, ct);
        if (row is null)
        {
            return (JourneyStatusChange.NotFound, []);
        }

        var journey = JourneyJson.ToJourney(row);
        var steps = await WithDefaultCouponsAsync(journey, ct);
        var request = new SaveJourneyRequest(row.Id, row.Name, row.Description, journey.Trigger, steps, journey.Exit, row.ReentryDays, row.HoldoutPercent, by);
        var errors = validator.Validate(request, forActivation: true);
        if (errors.Count > 0)
        {
            return (JourneyStatusChange.Invalid, errors);
        }

        row.StepsJson = JourneyJson.Write(steps);
        row.Status = (int)JourneyStatus.Active;
        (row.UpdatedAt, row.UpdatedBy) = (clock.GetUtcNow(), by);
        await db.SaveChangesAsync(ct);
        signal.Wake(); // runs that waited while paused may be due
        return (JourneyStatusChange.Changed, []);
    }

    public async Task<JourneyStatusChange> PauseAsync(Guid journeyId, string by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Journeys.Where(j => j.Id == journeyId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, j => j.Status == (int)JourneyStatus.Active ? (int)JourneyStatus.Paused : j.Status)
            .SetProperty(j => j.UpdatedAt, clock.GetUtcNow()).SetProperty(j => j.UpdatedBy, by), ct);
        return changed == 0 ? JourneyStatusChange.NotFound : JourneyStatusChange.Changed;
    }

    /// <summary>A ready-made journey's coupon step without a coupon gets the newest active campaign coupon, when there is one.</summary>
    private async Task<IReadOnlyList<JourneyStep>> WithDefaultCouponsAsync(Journey journey, CancellationToken ct)
    {
        if (journey.Template is null || !journey.Steps.Any(s => s is { Kind: JourneyStepKind.IssueCoupon, CouponDefinitionId: null }))
        {
            return journey.Steps;
        }

        var purpose = journey.Template == JourneyTemplates.Birthday ? CouponPurpose.Birthday : CouponPurpose.Campaign;
        var coupon = (await coupons.ListActiveDefinitionsAsync(purpose, ct)).FirstOrDefault();
        return coupon is null
            ? journey.Steps
            : journey.Steps.Select(s => s is { Kind: JourneyStepKind.IssueCoupon, CouponDefinitionId: null } ? s with { CouponDefinitionId = coupon.Id } : s).ToList();
    }

    private async Task EnsureTemplatesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Journeys.Where(j => j.Template != null).Select(j => j.Template!).ToListAsync(ct);
        foreach (var key in JourneyTemplates.Keys.Except(existing))
        {
            var now = clock.GetUtcNow();
            var row = new JourneyRow { Id = Guid.CreateVersion7(), Template = key, CreatedAt = now, Status = (int)JourneyStatus.Draft };
            Apply(row, JourneyTemplates.Create(key), now);
            db.Journeys.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.Entry(row).State = EntityState.Detached; // another instance created it first
            }
        }
    }

    private static void Apply(JourneyRow row, SaveJourneyRequest request, DateTimeOffset now)
    {
        row.Name = request.Name.Trim();
        row.Description = request.Description?.Trim();
        row.TriggerKind = (int)request.Trigger.Kind;
        row.TriggerJson = JourneyJson.Write(request.Trigger);
        row.StepsJson = JourneyJson.Write(request.Steps);
        row.ExitJson = JourneyJson.Write(request.Exit ?? new JourneyExitRules());
        row.ReentryDays = request.ReentryDays;
        row.HoldoutPercent = request.HoldoutPercent;
        row.UpdatedAt = now;
        row.UpdatedBy = request.By;
    }
}
