using System.Security.Claims;
using System.Text.Json;

namespace Membership.Shared.Api;

/// <summary>How the integration API names enum values (camelCase) and who acted (the API key).</summary>
public static class ApiNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The value named <paramref name="value"/> (camelCase or any case, never a number); false when none is.</summary>
    public static bool TryParse<TEnum>(string? value, out TEnum parsed)
        where TEnum : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);

    public static string Choices<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName));

    public static string Actor(ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "key");
}
