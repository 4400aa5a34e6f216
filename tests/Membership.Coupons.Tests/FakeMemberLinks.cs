using Membership.Contracts.Members;

namespace Membership.Coupons.Tests;

internal sealed class FakeMemberLinks : IMemberLinks
{
    public string RegisterUrl(string lineUserId, TimeSpan? lifetime = null) => $"https://test/m/register?u={lineUserId}";

    public string CardUrl(string lineUserId, TimeSpan? lifetime = null) => $"https://test/m/card?u={lineUserId}";

    public string CardPageUrl(string path, string lineUserId, TimeSpan? lifetime = null) => $"https://test{path}?u={lineUserId}";

    public string CreateToken(string lineUserId, MemberLinkPurpose purpose, TimeSpan? lifetime = null) => lineUserId;

    public string? ReadToken(string? token, MemberLinkPurpose purpose) => token;
}
