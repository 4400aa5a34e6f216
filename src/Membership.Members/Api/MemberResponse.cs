using System.Text.Json;
using System.Text.Json.Serialization;
using Membership.Contracts.Members;

namespace Membership.Members.Api;

/// <summary>A member in the integration API's JSON.</summary>
/// <param name="Mobile">Normalised, e.g. <c>0912345678</c>.</param>
/// <param name="Region">A Taiwan region code, e.g. <c>TPE</c>.</param>
internal sealed record MemberResponse(
    string MemberCode,
    string? Name,
    string? Mobile,
    string? LineUserId,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<MemberStatus>))] MemberStatus Status,
    string? Email,
    DateOnly? Birthday,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<Gender>))] Gender Gender,
    string? Region,
    string? StoreCode,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset CreatedAt,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<FriendStatus>))] FriendStatus FriendStatus)
{
    public static MemberResponse From(IntegrationMember m) =>
        new(m.MemberCode, m.Name, m.Mobile, m.LineUserId, m.Status, m.Email, m.Birthday, m.Gender, m.Region, m.PreferredStore,
            m.RegisteredAt, m.CreatedAt, m.FriendStatus);
}

/// <summary>Offline registration from a POS or ERP; only the mobile is required.</summary>
/// <param name="Birthday"><c>yyyy-MM-dd</c>.</param>
/// <param name="Gender"><c>female</c>, <c>male</c>, <c>other</c> or <c>unspecified</c>.</param>
/// <param name="Region">A Taiwan region code (<c>TPE</c>) or name (<c>臺北市</c>, <c>Taipei City</c>).</param>
/// <param name="Consent">Only when the member accepted the privacy terms at the counter.</param>
internal sealed record RegisterMemberBody(
    string? Mobile,
    string? Name = null,
    string? Email = null,
    string? Birthday = null,
    string? Gender = null,
    string? Region = null,
    string? StoreCode = null,
    ConsentBody? Consent = null);

internal sealed record ConsentBody(int TermsVersion);

/// <summary>Enums as camelCase strings (<c>friend</c>, <c>neverFriend</c>), whatever the host's JSON settings.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
