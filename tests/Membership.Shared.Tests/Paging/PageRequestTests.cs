using Membership.Contracts.Common;

namespace Membership.Shared.Tests.Paging;

public sealed class PageRequestTests
{
    [Theory]
    [InlineData(0, 25, 1, 25, 0)]
    [InlineData(3, 25, 3, 25, 50)]
    [InlineData(2, 0, 2, 1, 1)]
    [InlineData(1, 100_000, 1, PageRequest.MaxPageSize, 0)]
    public void Page_numbers_and_sizes_are_kept_in_bounds(int page, int size, int expectedPage, int expectedSize, int expectedSkip)
    {
        var request = new PageRequest(page, size);

        Assert.Equal(expectedPage, request.Page);
        Assert.Equal(expectedSize, request.PageSize);
        Assert.Equal(expectedSkip, request.Skip);
    }

    [Theory]
    [InlineData(0, 25, 0)]
    [InlineData(25, 25, 1)]
    [InlineData(26, 25, 2)]
    public void Page_count_rounds_up(int total, int size, int pages) =>
        Assert.Equal(pages, new PagedResult<int>([], total, 1, size).PageCount);
}
