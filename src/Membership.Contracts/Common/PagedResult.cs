namespace Membership.Contracts.Common;

/// <param name="TotalIsLowerBound">
/// True when counting stopped at a cap (a broad search at a million rows): there are at least <paramref name="TotalCount"/>
/// items, shown as e.g. "1,000+", and the pages go as far as the counted ones.
/// </param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize, bool TotalIsLowerBound = false)
{
    public int PageCount => PageSize == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);

    public static PagedResult<T> Empty(PageRequest request) => new([], 0, request.Page, request.PageSize);
}
