using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Coupons.Persistence;
using Membership.Shared.Paging;
using Microsoft.EntityFrameworkCore;

namespace Membership.Coupons.Definitions;

internal sealed class CouponDefinitions(IDbContextFactory<CouponsDbContext> factory, TimeProvider clock)
{
    public async Task<PagedResult<CouponDefinition>> ListAsync(PageRequest page, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var result = await db.Definitions.AsNoTracking()
            .OrderByDescending(d => d.Active).ThenByDescending(d => d.CreatedAt)
            .ToPagedResultAsync(page, ct);
        return new PagedResult<CouponDefinition>(result.Items.Select(d => d.ToContract()).ToList(), result.TotalCount, result.Page, result.PageSize);
    }

    public async Task<IReadOnlyList<CouponDefinition>> ListActiveAsync(CouponPurpose? purpose, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var definitions = await db.Definitions.AsNoTracking()
            .Where(d => d.Active && (purpose == null || d.Purpose == purpose))
            .OrderBy(d => d.Name)
            .ToListAsync(ct);
        return definitions.Select(d => d.ToContract()).ToList();
    }

    public async Task<CouponDefinition> SaveAsync(SaveCouponDefinitionRequest request, CancellationToken ct)
    {
        CouponDefinitionInput.Validate(request);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var definition = request.Id is { } id ? await db.Definitions.SingleOrDefaultAsync(d => d.Id == id, ct) : null;
        if (request.Id is not null && definition is null)
        {
            throw new CouponValidationException(new Dictionary<string, string> { ["id"] = "NotFound" });
        }

        if (definition is null)
        {
            definition = new DefinitionRecord { Id = Guid.CreateVersion7(), Name = "", CreatedAt = now };
            db.Definitions.Add(definition);
        }

        if (definition.IssueLimit != request.IssueLimit && request.IssueLimit < definition.IssuedCount)
        {
            throw new CouponValidationException(new Dictionary<string, string> { ["issueLimit"] = "BelowIssued" });
        }

        definition.Name = request.Name.Trim();
        definition.NameEn = string.IsNullOrWhiteSpace(request.NameEn) ? null : request.NameEn.Trim();
        definition.Kind = request.Kind;
        definition.Value = request.Kind == CouponKind.FreeItem ? 0 : request.Value;
        definition.FreeItem = request.Kind == CouponKind.FreeItem ? request.FreeItem?.Trim() : null;
        definition.ValidFrom = request.ValidDays is null ? request.ValidFrom : null;
        definition.ValidTo = request.ValidDays is null ? request.ValidTo : null;
        definition.ValidDays = request.ValidDays;
        definition.UsesPerCoupon = request.UsesPerCoupon;
        definition.IssueLimit = request.IssueLimit;
        definition.Purpose = request.Purpose;
        definition.MinTierRank = request.MinTierRank;
        definition.Active = request.Active;
        definition.UpdatedAt = now;
        definition.UpdatedBy = request.ChangedBy;
        await db.SaveChangesAsync(ct);
        return definition.ToContract();
    }
}
