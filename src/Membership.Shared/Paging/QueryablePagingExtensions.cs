using Membership.Contracts.Common;
using Microsoft.EntityFrameworkCore;

namespace Membership.Shared.Paging;

public static class QueryablePagingExtensions
{
    /// <summary>Counts and fetches one page of an already ordered query.</summary>
    public static async Task<PagedResult<T>> ToPagedResultAsync<T>(
        this IQueryable<T> ordered, PageRequest page, CancellationToken ct = default)
    {
        var total = await ordered.CountAsync(ct);
        var items = total == 0 ? [] : await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedResult<T>(items, total, page.Page, page.PageSize);
    }
}
