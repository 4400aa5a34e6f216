namespace Membership.Contracts.Members;

/// <summary>
/// Signed, expiring links to a member's mobile pages (<c>/m/register</c>, <c>/m/card</c>). Each link carries the
/// LINE user id it was made for, so nobody can open another user's page or register as them.
/// </summary>
public interface IMemberLinks
{
    /// <summary>The absolute registration link for this LINE user (<c>Members:PublicBaseUrl</c>/m/register?t=…).</summary>
    string RegisterUrl(string lineUserId, TimeSpan? lifetime = null);

    /// <summary>The absolute member card link for this LINE user.</summary>
    string CardUrl(string lineUserId, TimeSpan? lifetime = null);

    /// <summary>An absolute link to another of the member's pages (e.g. <c>/m/surveys/{id}</c>), signed like the card's.</summary>
    string CardPageUrl(string path, string lineUserId, TimeSpan? lifetime = null);

    /// <summary>The token alone, for a page that already knows its own address.</summary>
    string CreateToken(string lineUserId, MemberLinkPurpose purpose, TimeSpan? lifetime = null);

    /// <returns>The LINE user id the token was signed for, or null when it is forged, expired or made for another purpose.</returns>
    string? ReadToken(string? token, MemberLinkPurpose purpose);
}

public enum MemberLinkPurpose
{
    Register = 0,
    Card = 1,
}
