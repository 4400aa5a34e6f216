using System.Globalization;
using Membership.Contracts.Members;
using Microsoft.AspNetCore.WebUtilities;

namespace Membership.Web.Members;

/// <summary>The member list's search, filters and order as they travel in the URL (the page and the CSV export share them).</summary>
public sealed record MemberListFilter(
    string? Search = null,
    MemberStatus? Status = null,
    FriendStatus? Friend = null,
    string? Region = null,
    DateOnly? From = null,
    DateOnly? To = null,
    MemberSortField Sort = MemberSortField.CreatedAt,
    bool Descending = true,
    string? Tag = null)
{
    public MemberQuery ToQuery() => new(Search, Friend, Status, Region, From, To);

    /// <summary>The chosen order; a search left in the default order (newest first) lists the best match first instead.</summary>
    public MemberSort? ToSort() => Search is not null && Sort == MemberSortField.CreatedAt && Descending ? null : new(Sort, Descending);

    public static MemberListFilter FromQuery(IReadOnlyDictionary<string, string?> query)
    {
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        return new MemberListFilter(
            Get("q"),
            Enum.TryParse<MemberStatus>(Get("status"), true, out var status) ? status : null,
            Enum.TryParse<FriendStatus>(Get("friend"), true, out var friend) ? friend : null,
            Get("region"),
            DateOnly.TryParseExact(Get("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ? from : null,
            DateOnly.TryParseExact(Get("to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) ? to : null,
            Enum.TryParse<MemberSortField>(Get("sort"), true, out var sort) ? sort : MemberSortField.CreatedAt,
            Get("dir") != "asc",
            Get("tag"));
    }

    /// <summary>The path with this filter as its query string (defaults left out), plus any extra parameters.</summary>
    public string ToUri(string path, IDictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Search,
            ["status"] = Status?.ToString(),
            ["friend"] = Friend?.ToString(),
            ["region"] = Region,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sort"] = Sort == MemberSortField.CreatedAt ? null : Sort.ToString(),
            ["dir"] = Descending ? null : "asc",
            ["tag"] = Tag,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString(path, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
