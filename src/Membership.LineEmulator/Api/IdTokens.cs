using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.LineEmulator.State;
using Microsoft.Extensions.Options;

namespace Membership.LineEmulator.Api;

/// <summary>
/// LIFF / LINE Login ID tokens. The emulator mints HS256 JWTs signed with the channel secret (LINE's real ones are
/// ES256; only the emulator verifies these) and answers <c>POST /oauth2/v2.1/verify</c> like LINE.
/// </summary>
internal sealed class IdTokens(IOptions<EmulatorOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const string Issuer = "https://access.line.me";

    public string Mint(UserView user)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = user.UserId,
            ["aud"] = options.Value.ChannelId,
            ["exp"] = now + (long)Lifetime.TotalSeconds,
            ["iat"] = now,
            ["amr"] = new JsonArray("linesso"),
            ["name"] = user.DisplayName,
        };
        if (user.PictureUrl is not null)
        {
            payload["picture"] = user.PictureUrl;
        }

        var unsigned = Base64Url("""{"typ":"JWT","alg":"HS256"}"""u8) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return unsigned + "." + Base64Url(Sign(unsigned));
    }

    /// <summary>The token's claims, or the error description LINE would give.</summary>
    public (JsonObject? Claims, string? Error) Verify(string? idToken, string? clientId)
    {
        if (string.IsNullOrEmpty(idToken) || string.IsNullOrEmpty(clientId))
        {
            return (null, "id_token and client_id are required.");
        }

        var parts = idToken.Split('.');
        if (parts.Length != 3 || !TryFromBase64Url(parts[2], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1]))
            || !TryFromBase64Url(parts[1], out var payloadBytes))
        {
            return (null, "Invalid IdToken.");
        }

        JsonObject? claims;
        try
        {
            claims = JsonNode.Parse(payloadBytes) as JsonObject;
        }
        catch (JsonException)
        {
            claims = null;
        }

        if (claims is null)
        {
            return (null, "Invalid IdToken.");
        }

        if ((long?)claims["exp"] is not { } exp || exp <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return (null, "IdToken expired.");
        }

        return (string?)claims["aud"] == clientId ? (claims, null) : (null, "Invalid IdToken Audience.");
    }

    private byte[] Sign(string data) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ChannelSecret), Encoding.ASCII.GetBytes(data));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}

internal static class IdTokenEndpoints
{
    public static void MapIdTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth2/v2.1/verify", async (HttpContext context, IdTokens tokens) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return OAuthError("id_token and client_id must be sent as application/x-www-form-urlencoded.");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var (claims, error) = tokens.Verify(form["id_token"].FirstOrDefault(), form["client_id"].FirstOrDefault());
            return claims is not null ? Results.Json(claims) : OAuthError(error!);
        });

        app.MapPost("/_emulator/users/{userId}/id-token", (string userId, UserDirectory users, IdTokens tokens) =>
            users.Find(userId) is { } user
                ? Results.Ok(new { idToken = tokens.Mint(user) })
                : Results.NotFound(new { message = "Unknown user" }));
    }

    private static IResult OAuthError(string description) =>
        Results.Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = description }, statusCode: StatusCodes.Status400BadRequest);
}
