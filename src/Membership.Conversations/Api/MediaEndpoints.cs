using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Membership.Conversations.Api;

/// <summary>
/// The console's view of a customer's media (<c>/conversations/media/{messageId}</c>, signed-in staff). Only common image,
/// video and audio types are shown inline; anything else a customer sent (a file, an SVG, HTML) is a download, so their
/// content never runs in the console's origin.
/// </summary>
internal static class MediaEndpoints
{
    public const string Route = "/conversations/media";

    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/quicktime", "audio/m4a", "audio/mp4", "audio/x-m4a", "audio/mpeg", "audio/aac",
    };

    public static IEndpointRouteBuilder MapConversationMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route + "/{messageId:guid}", GetAsync)
            .RequireAuthorization(policy => policy.RequireRole(StaffRoles.All))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAsync(Guid messageId, IConversationsModule conversations, HttpContext context, CancellationToken ct)
    {
        var media = await conversations.GetMediaAsync(messageId, ct);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return media switch
        {
            null => Results.NotFound(),
            { Status: MediaStatus.Stored, Bytes: { } bytes, ContentType: var type } when type is not null && Inline.Contains(type) => Results.File(bytes, type),
            { Status: MediaStatus.Stored, Bytes: { } bytes } => Results.File(bytes, "application/octet-stream", $"line-{messageId:N}"),
            { Status: MediaStatus.TooLarge } => Results.Problem("Over the size limit: not kept.", statusCode: StatusCodes.Status413PayloadTooLarge),
            { Status: MediaStatus.Gone } => Results.Problem("LINE no longer has this content.", statusCode: StatusCodes.Status410Gone),
            _ => Results.Problem("LINE did not answer; try again.", statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }
}
