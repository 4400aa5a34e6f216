using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace Membership.Conversations.Media;

/// <summary>
/// Fetches the content of a customer's media message from LINE's data API once and keeps it (up to
/// <c>Conversations:MediaMaxBytes</c>, 10 MB by default), because LINE deletes it after a while. A failed fetch stays
/// pending and is tried again when staff open it.
/// </summary>
internal sealed partial class MediaFetcher(
    IDbContextFactory<ConversationsDbContext> dbFactory, ILineMessagingClient line, IOptions<ConversationsOptions> options, TimeProvider clock,
    ILogger<MediaFetcher> logger)
{
    public static readonly string[] MediaTypes = ["image", "video", "audio", "file"];

    private long MaxBytes => options.Value.MediaMaxBytes;

    /// <summary>Records the pending content of a new media message (in the message's transaction, by the caller).</summary>
    public static MediaRow Pending(Guid messageId, string lineMessageId) => new() { MessageId = messageId, LineMessageId = lineMessageId };

    public async Task<StoredMedia?> GetAsync(Guid messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Media.FirstOrDefaultAsync(m => m.MessageId == messageId, ct);
        if (row is null)
        {
            return null;
        }

        if (row.Status == (int)MediaStatus.Pending)
        {
            await FetchAsync(db, row, ct);
        }

        return new StoredMedia((MediaStatus)row.Status, row.ContentType, row.Bytes);
    }

    public async Task FetchAsync(Guid messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Media.FirstOrDefaultAsync(m => m.MessageId == messageId && m.Status == (int)MediaStatus.Pending, ct) is { } row)
        {
            await FetchAsync(db, row, ct);
        }
    }

    private async Task FetchAsync(ConversationsDbContext db, MediaRow row, CancellationToken ct)
    {
        try
        {
            var content = await line.GetMessageContentAsync(row.LineMessageId, MaxBytes, ct);
            (row.Status, row.Bytes, row.ContentType, row.Size, row.Error) = content.Status switch
            {
                LineContentStatus.Found => ((int)MediaStatus.Stored, content.Bytes, content.ContentType, (int?)content.Bytes!.Length, (string?)null),
                LineContentStatus.TooLarge => ((int)MediaStatus.TooLarge, (byte[]?)null, (string?)null, (int?)null, $"over {MaxBytes} bytes"),
                _ => ((int)MediaStatus.Gone, (byte[]?)null, (string?)null, (int?)null, "LINE no longer has it"),
            };
            row.FetchedAt = clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            row.Error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message; // stays pending: tried again when opened
            LogFetchFailed(logger, row.MessageId, ex.GetType().Name);
        }

        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media of conversation message {MessageId} could not be fetched from LINE ({Error}); it stays pending")]
    private static partial void LogFetchFailed(ILogger logger, Guid messageId, string error);
}
