using System.Net.Mail;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;

namespace Membership.Members.Directory;

/// <summary>Validates and normalises the editable profile fields, and applies them naming what changed.</summary>
internal static class ProfileFields
{
    internal sealed record Values(string? Name, string? Mobile, string? Email, DateOnly? Birthday, Gender Gender, string? Region, string? PreferredStore);

    public static Values Validate(UpdateMemberProfileRequest request)
    {
        string? mobile = null;
        if (!string.IsNullOrWhiteSpace(request.Mobile))
        {
            mobile = TaiwanMobile.Normalize(request.Mobile)
                ?? throw new MemberDirectoryException(MemberDirectoryException.MobileInvalid, "Not a Taiwan mobile number.");
        }

        var email = Blank(request.Email);
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out _)))
        {
            throw new MemberDirectoryException(MemberDirectoryException.EmailInvalid, "Not an e-mail address.");
        }

        string? region = null;
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            region = TaiwanRegions.Find(request.Region.Trim())?.Code
                ?? throw new MemberDirectoryException(MemberDirectoryException.RegionUnknown, "Unknown region.");
        }

        return new Values(Cut(Blank(request.Name), 100), mobile, email, request.Birthday, request.Gender, region, Cut(Blank(request.PreferredStore), 50));
    }

    /// <returns>The names of the fields that changed (never their values).</returns>
    public static List<string> Apply(Member member, Values wanted)
    {
        var changed = new List<string>();
        Set(member.Name, wanted.Name, v => member.Name = v, "name", changed);
        Set(member.Mobile, wanted.Mobile, v => member.Mobile = v, "mobile", changed);
        Set(member.Email, wanted.Email, v => member.Email = v, "email", changed);
        Set(member.Birthday, wanted.Birthday, v => member.Birthday = v, "birthday", changed);
        Set(member.Gender, wanted.Gender, v => member.Gender = v, "gender", changed);
        Set(member.Region, wanted.Region, v => member.Region = v, "region", changed);
        Set(member.PreferredStore, wanted.PreferredStore, v => member.PreferredStore = v, "preferred-store", changed);
        return changed;
    }

    private static void Set<T>(T current, T wanted, Action<T> assign, string field, List<string> changed)
    {
        if (!EqualityComparer<T>.Default.Equals(current, wanted))
        {
            assign(wanted);
            changed.Add(field);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Cut(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
