using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Api;

internal static class RichMenuEndpoints
{
    private const int MaxImageBytes = 1024 * 1024;

    public static void MapRichMenuApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/richmenu", (HttpContext context, RichMenuStore menus) =>
        {
            if (context.LineBodyObject() is not { } menu)
            {
                return HttpContextItems.NotAnObject();
            }

            var errors = Validate(menu);
            return errors.Count > 0 ? LineErrors.BadRequest(errors) : Results.Ok(new { richMenuId = menus.Create(menu) });
        });

        // Served by api-data.line.me at LINE; here on the same host.
        app.MapPost("/v2/bot/richmenu/{richMenuId}/content", (string richMenuId, HttpContext context, RichMenuStore menus) =>
        {
            var contentType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (contentType is not ("image/jpeg" or "image/png"))
            {
                return LineErrors.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
            }

            var image = context.LineBody();
            if (image.Length > MaxImageBytes)
            {
                return LineErrors.Error(StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large");
            }

            var menu = menus.Find(richMenuId);
            if (menu is null)
            {
                return LineErrors.Error(StatusCodes.Status404NotFound, "Not found");
            }

            if (menu.HasImage)
            {
                return LineErrors.Error(StatusCodes.Status400BadRequest, "An image has already been uploaded to the richmenu");
            }

            menus.SetImage(richMenuId, contentType, image.Length);
            return Results.Ok(new { });
        });

        app.MapPost("/v2/bot/user/all/richmenu/{richMenuId}", (string richMenuId, RichMenuStore menus) =>
        {
            if (UsableProblem(menus.Find(richMenuId)) is { } problem)
            {
                return problem;
            }

            menus.SetDefault(richMenuId);
            return Results.Ok(new { });
        });

        app.MapPost("/v2/bot/user/{userId}/richmenu/{richMenuId}", (string userId, string richMenuId, RichMenuStore menus, UserDirectory users) =>
        {
            if (!users.Exists(userId))
            {
                return LineErrors.Error(StatusCodes.Status400BadRequest, "The user ID is invalid");
            }

            if (UsableProblem(menus.Find(richMenuId)) is { } problem)
            {
                return problem;
            }

            menus.Link(userId, richMenuId);
            return Results.Ok(new { });
        });
    }

    private static IResult? UsableProblem(RichMenuEntry? menu) => menu switch
    {
        null => LineErrors.Error(StatusCodes.Status404NotFound, "Not found"),
        { HasImage: false } => LineErrors.Error(StatusCodes.Status400BadRequest, "must upload richmenu image before applying it to user"),
        _ => null,
    };

    private static List<ErrorDetail> Validate(JsonObject menu)
    {
        var errors = new List<ErrorDetail>();
        var width = (menu["size"]?["width"] as JsonValue)?.TryGetValue<int>(out var w) == true ? w : 0;
        var height = (menu["size"]?["height"] as JsonValue)?.TryGetValue<int>(out var h) == true ? h : 0;
        if (width is < 800 or > 2500 || height < 250 || (double)width / height < 1.45)
        {
            errors.Add(new ErrorDetail("width must be 800-2500, height at least 250, width/height at least 1.45", "size"));
        }

        if (MessageRules.StringOf(menu["name"]) is not { Length: >= 1 and <= 300 })
        {
            errors.Add(new ErrorDetail("Length must be between 1 and 300", "name"));
        }

        if (MessageRules.StringOf(menu["chatBarText"]) is not { Length: >= 1 and <= 14 })
        {
            errors.Add(new ErrorDetail("Length must be between 1 and 14", "chatBarText"));
        }

        if (menu["areas"] is not JsonArray { Count: <= 20 })
        {
            errors.Add(new ErrorDetail("Size must be between 0 and 20", "areas"));
        }

        return errors;
    }
}
