namespace Membership.Contracts.Common;

/// <summary>A page of a server-side list: 1-based page number, bounded size.</summary>
public sealed record PageRequest
{
    public const int MaxPageSize = 200;

    public PageRequest(int page = 1, int pageSize = 25)
    {
        Page = Math.Max(1, page);
        PageSize = Math.Clamp(pageSize, 1, MaxPageSize);
    }

    public int Page { get; }
    public int PageSize { get; }
    public int Skip => (Page - 1) * PageSize;
}
