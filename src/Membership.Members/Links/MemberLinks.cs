using System.Security.Cryptography;
using Membership.Contracts.Members;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Membership.Members.Links;

/// <summary>Links signed with ASP.NET Core Data Protection (keys shared by every instance of the host), expiring.</summary>
internal sealed class MemberLinks(IDataProtectionProvider protection, IOptions<MemberLinkOptions> options) : IMemberLinks
{
    private const string Purpose = "Membership.Members.MemberLink";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string RegisterUrl(string lineUserId, TimeSpan? lifetime = null) =>
        Url("/m/register", CreateToken(lineUserId, MemberLinkPurpose.Register, lifetime));

    public string CardUrl(string lineUserId, TimeSpan? lifetime = null) =>
        Url("/m/card", CreateToken(lineUserId, MemberLinkPurpose.Card, lifetime));

    public string CardPageUrl(string path, string lineUserId, TimeSpan? lifetime = null) =>
        path.StartsWith("/m/", StringComparison.Ordinal)
            ? Url(path, CreateToken(lineUserId, MemberLinkPurpose.Card, lifetime))
            : throw new ArgumentException("A member's page is under /m/.", nameof(path));

    public string CreateToken(string lineUserId, MemberLinkPurpose purpose, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lineUserId);
        return ProtectorFor(purpose).Protect(lineUserId, lifetime ?? options.Value.LinkLifetime);
    }

    public string? ReadToken(string? token, MemberLinkPurpose purpose)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            return ProtectorFor(purpose).Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return null; // forged, tampered, expired or signed for the other page
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector ProtectorFor(MemberLinkPurpose purpose) =>
        _protector.CreateProtector(purpose.ToString());

    private string Url(string path, string token) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}{path}?t={Uri.EscapeDataString(token)}";
}

internal sealed class MemberLinkOptions
{
    public const string SectionName = "Members";

    /// <summary>Where members reach the app: the base of the links sent through LINE.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);
}
