using System.Buffers.Binary;
using Membership.Broadcast.Dispatch;
using Membership.Contracts.Broadcast;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Membership.Broadcast.Images;

/// <summary>
/// Images uploaded for campaigns, stored in <c>broadcast_images</c> and served by the app at
/// <c>/media/campaign-images/{id}</c> for LINE to fetch. LINE takes JPEG or PNG; the preview must be at most 1 MB,
/// so an upload of at most 1 MB serves as both the image and its preview. The format and the size in pixels are read
/// from the file itself, never from its name or the browser's content type.
/// </summary>
internal sealed class CampaignImages(NpgsqlDataSource dataSource, IOptions<BroadcastOptions> options, TimeProvider clock)
{
    public const string Route = "/media/campaign-images/{id:guid}";
    public const int MaxBytes = 1024 * 1024;
    private const int MaxSide = 10_000;

    public async Task<ImageUploadResult> SaveAsync(Stream content, string by, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await CopyAtMostAsync(content, buffer, MaxBytes + 1, ct);
        if (buffer.Length > MaxBytes)
        {
            return Refused($"The image is larger than {MaxBytes / 1024} KB (LINE's limit for a preview).");
        }

        var bytes = buffer.ToArray();
        if (Probe(bytes) is not { } image)
        {
            return Refused("Only JPEG and PNG images can be sent on LINE.");
        }

        if (image.Width is < 1 or > MaxSide || image.Height is < 1 or > MaxSide)
        {
            return Refused($"The image is {image.Width}×{image.Height} pixels; LINE takes up to {MaxSide}×{MaxSide}.");
        }

        if (options.Value.PublicBaseUrl is not { } root)
        {
            return Refused($"Images are served by this app, but {BroadcastOptions.Section}:{nameof(BroadcastOptions.PublicBaseUrl)} is not set.");
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        await using var command = dataSource.CreateCommand("""
            INSERT INTO broadcast_images (id, content_type, content, width, height, created_at, created_by)
            VALUES (@id, @type, @content, @width, @height, @now, @by)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("type", image.ContentType);
        command.Parameters.AddWithValue("content", bytes);
        command.Parameters.AddWithValue("width", image.Width);
        command.Parameters.AddWithValue("height", image.Height);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync(ct);
        var url = $"{root.AbsoluteUri.TrimEnd('/')}{Route.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)}";
        return new ImageUploadResult(new CampaignImage(id, url, image.ContentType, image.Width, image.Height, bytes.Length), null);
    }

    public static IEndpointRouteBuilder MapCampaignImages(IEndpointRouteBuilder app)
    {
        // LINE fetches these without credentials; ids are unguessable and the images are meant to be sent out.
        app.MapGet(Route, async (Guid id, NpgsqlDataSource dataSource, HttpContext http, CancellationToken ct) =>
        {
            await using var command = dataSource.CreateCommand("SELECT content_type, content FROM broadcast_images WHERE id = @id");
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return Microsoft.AspNetCore.Http.Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Microsoft.AspNetCore.Http.Results.File(reader.GetFieldValue<byte[]>(1), reader.GetString(0));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal readonly record struct ProbedImage(string ContentType, int Width, int Height);

    /// <summary>JPEG (the first start-of-frame marker) or PNG (the IHDR chunk); null for anything else.</summary>
    internal static ProbedImage? Probe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && bytes[12..16].SequenceEqual("IHDR"u8))
        {
            return new ProbedImage("image/png", (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]));
        }

        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            return null;
        }

        for (var i = 2; i + 9 < bytes.Length;)
        {
            if (bytes[i] != 0xFF)
            {
                return null;
            }

            var marker = bytes[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return new ProbedImage("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]));
            }

            i += 2 + length;
        }

        return null;
    }

    private static ImageUploadResult Refused(string error) => new(null, error);

    private static async Task CopyAtMostAsync(Stream source, Stream target, int limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int read;
        while (target.Length < limit && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - target.Length)), ct)) > 0)
        {
            await target.WriteAsync(chunk.AsMemory(0, read), ct);
        }
    }
}
