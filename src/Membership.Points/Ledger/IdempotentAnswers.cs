using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Membership.Points.Ledger;

/// <summary>Request hashes and stored answers of idempotent writes.</summary>
internal static class IdempotentAnswers
{
    public const string PurchaseScope = "purchase";
    public const string RefundScope = "refund";
    public const string RedeemScope = "redeem";
    public const string ReverseScope = "reverse";
    public const string GrantScope = "grant";
    public const string AdjustScope = "adjust";

    public const int MaxKeyLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Lower-case hex SHA-256 of the request's JSON: equal requests give equal hashes.</summary>
    public static string HashOf<T>(T request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));

    public static string Serialize<T>(T answer) => JsonSerializer.Serialize(answer, Json);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    public static bool IsValidKey(string? key) => !string.IsNullOrWhiteSpace(key) && key.Length <= MaxKeyLength;
}
