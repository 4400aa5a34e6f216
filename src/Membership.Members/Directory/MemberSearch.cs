using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Directory;

/// <summary>
/// Turns the console's one search box and filters into a query the indexes serve at a million members: a valid member
/// code or a whole mobile is an exact match, digits are any part of a mobile (trigram GIN on <c>mobile</c>), one or two
/// characters are the start of a name or LINE name or a given name (anchored LIKE, which the trigram GIN serves
/// through its padded trigrams), longer text is a fuzzy name or LINE name (substring or <c>%</c> similarity).
/// </summary>
internal static class MemberSearch
{
    /// <summary>Fewer digits than this match too much to be useful (and trigrams need three).</summary>
    public const int MinimumMobileDigits = 3;

    /// <summary>Shorter text has no trigram of its own: similarity would match most names sharing one character.</summary>
    public const int MinimumFuzzyLength = 3;

    public static IOrderedQueryable<Member> Apply(IQueryable<Member> members, MemberQuery query, MemberSort? sort) =>
        Order(Where(members, query), query, sort);

    /// <summary>The members matching the filters and the search text, in no order (for counting).</summary>
    public static IQueryable<Member> Where(IQueryable<Member> members, MemberQuery query)
    {
        members = Filter(members, query);
        var text = query.Search?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return members;
        }

        if (MemberCodes.IsValid(text))
        {
            return members.Where(m => m.MemberCode == text);
        }

        if (TaiwanMobile.Normalize(text) is { } mobile)
        {
            return members.Where(m => m.Mobile == mobile);
        }

        if (MobileDigits(text) is { } digits)
        {
            var part = $"%{digits}%";
            return members.Where(m => EF.Functions.Like(m.Mobile!, part));
        }

        var escaped = LikePattern.Escape(text);
        if (text.Length < MinimumFuzzyLength)
        {
            // "陳怡" (surname and first given character), "小君" (a LINE name), "怡君" (a given name ends the name).
            var prefix = $"{escaped}%";
            var suffix = $"%{escaped}";
            return members.Where(m =>
                EF.Functions.ILike(m.Name!, prefix) || EF.Functions.ILike(m.Name!, suffix) || EF.Functions.ILike(m.LineDisplayName!, prefix));
        }

        var pattern = $"%{escaped}%";
        return members.Where(m =>
            EF.Functions.ILike(m.Name!, pattern) || EF.Functions.TrigramsAreSimilar(m.Name!, text) ||
            EF.Functions.ILike(m.LineDisplayName!, pattern) || EF.Functions.TrigramsAreSimilar(m.LineDisplayName!, text));
    }

    /// <summary>The chosen order; without one, fuzzy text puts the best match first and everything else the newest member.</summary>
    public static IOrderedQueryable<Member> Order(IQueryable<Member> matches, MemberQuery query, MemberSort? sort)
    {
        var text = query.Search?.Trim();
        return sort is not null || !IsFuzzy(text) ? Order(matches, sort) : BestFirst(matches, text!);
    }

    /// <summary>
    /// Fuzzy text without a chosen order: best match first among at most <paramref name="candidates"/> substring matches
    /// plus as many similar ones. A broad term ("Kevin" is ten thousand LINE names at a million members) would
    /// otherwise rank every match to show 25; null when the search is not fuzzy or an order was chosen.
    /// </summary>
    public static IOrderedQueryable<Member>? BestAmongCandidates(IQueryable<Member> members, MemberQuery query, MemberSort? sort, int candidates)
    {
        var text = query.Search?.Trim();
        if (sort is not null || !IsFuzzy(text))
        {
            return null;
        }

        var filtered = Filter(members, query);
        var pattern = LikePattern.Contains(text!);
        var substring = filtered.Where(m => EF.Functions.ILike(m.Name!, pattern) || EF.Functions.ILike(m.LineDisplayName!, pattern)).Take(candidates);
        var similar = filtered.Where(m => EF.Functions.TrigramsAreSimilar(m.Name!, text!) || EF.Functions.TrigramsAreSimilar(m.LineDisplayName!, text!)).Take(candidates);
        return BestFirst(substring.Union(similar), text!);
    }

    /// <summary>The closer of name and LINE name first, then the newest member.</summary>
    private static IOrderedQueryable<Member> BestFirst(IQueryable<Member> matches, string text) =>
        matches
            .OrderByDescending(m => EF.Functions.TrigramsSimilarity(m.Name ?? "", text) > EF.Functions.TrigramsSimilarity(m.LineDisplayName ?? "", text)
                ? EF.Functions.TrigramsSimilarity(m.Name ?? "", text)
                : EF.Functions.TrigramsSimilarity(m.LineDisplayName ?? "", text))
            .ThenByDescending(m => m.CreatedAt).ThenBy(m => m.Id);

    private static bool IsFuzzy(string? text) =>
        text is { Length: >= MinimumFuzzyLength } && !MemberCodes.IsValid(text) && TaiwanMobile.Normalize(text) is null && MobileDigits(text) is null;

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

}
