using System.Security.Claims;
using System.Text.Json;

namespace Membership.Automation.Api;

/// <summary>How the marketing API names enum values (camelCase) and who acted (the API key).</summary>
internal static class ApiNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Actor(ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "key");
}
