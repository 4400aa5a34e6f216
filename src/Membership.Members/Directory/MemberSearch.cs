using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Directory;

/// <summary>
/// Turns the console's one search box and filters into a query the indexes serve: a valid member code is an exact
/// match, digits are any part of a mobile (trigram GIN on <c>mobile</c>), other text is a fuzzy name or LINE name
/// (trigram GIN on <c>name</c> and <c>line_display_name</c>).
/// </summary>
internal static class MemberSearch
{
    /// <summary>Fewer digits than this match too much to be useful (and trigrams need three).</summary>
    public const int MinimumMobileDigits = 3;

    public static IQueryable<Member> Apply(IQueryable<Member> members, MemberQuery query, MemberSort? sort)
    {
        members = Filter(members, query);
        var text = query.Search?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Order(members, sort);
        }

        if (MemberCodes.IsValid(text))
        {
            return Order(members.Where(m => m.MemberCode == text), sort);
        }

        if (TaiwanMobile.Normalize(text) is { } mobile)
        {
            return Order(members.Where(m => m.Mobile == mobile), sort);
        }

        if (MobileDigits(text) is { } digits)
        {
            var part = $"%{digits}%";
            return Order(members.Where(m => EF.Functions.Like(m.Mobile!, part)), sort);
        }

        // Under three characters a "contains" pattern has no trigram to look up (a full scan at 1M members): match the
        // start of the name instead, which the trigram index serves, besides the similarity operator.
        var pattern = text.Length < 3 ? $"{EscapeLike(text)}%" : $"%{EscapeLike(text)}%";
        var matches = members.Where(m =>
            EF.Functions.ILike(m.Name!, pattern) || EF.Functions.TrigramsAreSimilar(m.Name!, text) ||
            EF.Functions.ILike(m.LineDisplayName!, pattern) || EF.Functions.TrigramsAreSimilar(m.LineDisplayName!, text));
        if (sort is not null)
        {
            return Order(matches, sort);
        }

        // Best match first: the closer of name and LINE name, then the newest member.
        return matches
            .OrderByDescending(m => EF.Functions.TrigramsSimilarity(m.Name ?? "", text) > EF.Functions.TrigramsSimilarity(m.LineDisplayName ?? "", text)
                ? EF.Functions.TrigramsSimilarity(m.Name ?? "", text)
                : EF.Functions.TrigramsSimilarity(m.LineDisplayName ?? "", text))
            .ThenByDescending(m => m.CreatedAt).ThenBy(m => m.Id);
    }

    private static IQueryable<Member> Filter(IQueryable<Member> members, MemberQuery query)
    {
        if (query.Status is { } status)
        {
            members = members.Where(m => m.Status == status);
        }

        if (query.FriendStatus is { } friendStatus)
        {
            members = members.Where(m => m.FriendStatus == friendStatus);
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var region = query.Region.Trim().ToUpperInvariant();
            members = members.Where(m => m.Region == region);
        }

        if (query.JoinedFrom is { } from)
        {
            var start = TaipeiTime.StartOfDayUtc(from);
            members = members.Where(m => m.CreatedAt >= start);
        }

        if (query.JoinedTo is { } to)
        {
            var end = TaipeiTime.StartOfDayUtc(to.AddDays(1));
            members = members.Where(m => m.CreatedAt < end);
        }

        return members;
    }

    private static IOrderedQueryable<Member> Order(IQueryable<Member> members, MemberSort? sort)
    {
        sort ??= new MemberSort();
        return (sort.Field, sort.Descending) switch
        {
            // Members without a name or registration go last either way.
            (MemberSortField.Name, false) => members.OrderBy(m => m.Name == null).ThenBy(m => m.Name).ThenBy(m => m.Id),
            (MemberSortField.Name, true) => members.OrderBy(m => m.Name == null).ThenByDescending(m => m.Name).ThenByDescending(m => m.Id),
            (MemberSortField.RegisteredAt, false) => members.OrderBy(m => m.RegisteredAt == null).ThenBy(m => m.RegisteredAt).ThenBy(m => m.Id),
            (MemberSortField.RegisteredAt, true) => members.OrderBy(m => m.RegisteredAt == null).ThenByDescending(m => m.RegisteredAt).ThenByDescending(m => m.Id),
            (_, false) => members.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id),
            _ => members.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
        };
    }

    /// <summary>"912", "0912-345", "345 678": the digits, when the text is only digits and separators.</summary>
    private static string? MobileDigits(string text)
    {
        if (!text.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '.'))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= MinimumMobileDigits ? digits : null;
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
