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

    /// <summary>
    /// Counts the unordered <paramref name="matches"/> only up to <paramref name="countCap"/> past the requested page
    /// (<see cref="PagedResult{T}.TotalIsLowerBound"/> when there are more), then fetches the page in the given order.
    /// Paging stays usable: from any page the next <paramref name="countCap"/> matches are reachable.
    /// </summary>
    public static async Task<PagedResult<TResult>> ToCappedPagedResultAsync<T, TResult>(
        this IQueryable<T> matches, Func<IQueryable<T>, IQueryable<TResult>> ordered, PageRequest page, int countCap, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countCap, 1);
        var limit = page.Skip + countCap;
        var counted = await matches.Take(limit + 1).CountAsync(ct);
        var items = counted <= page.Skip ? [] : await ordered(matches).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedResult<TResult>(items, Math.Min(counted, limit), page.Page, page.PageSize, TotalIsLowerBound: counted > limit);
    }
}
