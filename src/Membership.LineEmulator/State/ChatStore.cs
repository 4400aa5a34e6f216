using System.Collections.Concurrent;

namespace Membership.LineEmulator.State;

/// <summary>
/// What a chat keeps besides deliveries: the content of media users sent (served by the data API until it is pruned, as
/// LINE deletes content after a while), mark-as-read tokens of their messages, read marks and the loading animation.
/// </summary>
internal sealed class ChatStore(TimeProvider time)
{
    private const int ContentCapacity = 5_000;
    private readonly ConcurrentDictionary<string, MessageContent> _content = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _contentOrder = new();
    private readonly ConcurrentDictionary<string, (string UserId, string MessageId)> _readTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChatMarks> _marks = new(StringComparer.Ordinal);

    public void StoreContent(string messageId, byte[] bytes, string contentType)
    {
        _content[messageId] = new MessageContent(bytes, contentType);
        _contentOrder.Enqueue(messageId);
        while (_contentOrder.Count > ContentCapacity && _contentOrder.TryDequeue(out var oldest))
        {
            _content.TryRemove(oldest, out _);
        }
    }

    public MessageContent? Content(string messageId) => _content.TryGetValue(messageId, out var content) ? content : null;

    /// <summary>Deletes a message's content, as LINE does after a while.</summary>
    public bool Expire(string messageId) => _content.TryRemove(messageId, out _);

    public string IssueReadToken(string userId, string messageId)
    {
        var token = Guid.NewGuid().ToString("N");
        _readTokens[token] = (userId, messageId);
        return token;
    }

    /// <summary>The user's messages up to this one show as read; false for an unknown token.</summary>
    public bool MarkRead(string token)
    {
        if (!_readTokens.TryGetValue(token, out var read))
        {
            return false;
        }

        _marks.AddOrUpdate(read.UserId, _ => new ChatMarks(read.MessageId, time.GetUtcNow(), null),
            (_, marks) => marks with { ReadMessageId = read.MessageId, ReadAt = time.GetUtcNow() });
        return true;
    }

    public void StartLoading(string userId, int seconds)
    {
        var until = time.GetUtcNow().AddSeconds(seconds);
        _marks.AddOrUpdate(userId, _ => new ChatMarks(null, null, until), (_, marks) => marks with { LoadingUntil = until });
    }

    /// <summary>A message to the user ends the animation, as in LINE.</summary>
    public void StopLoading(string userId)
    {
        if (_marks.TryGetValue(userId, out var marks) && marks.LoadingUntil is not null)
        {
            _marks[userId] = marks with { LoadingUntil = null };
        }
    }

    public ChatMarks MarksOf(string userId)
    {
        var marks = _marks.TryGetValue(userId, out var found) ? found : new ChatMarks(null, null, null);
        return marks.LoadingUntil <= time.GetUtcNow() ? marks with { LoadingUntil = null } : marks;
    }
}

internal sealed record MessageContent(byte[] Bytes, string ContentType);

/// <param name="ReadMessageId">The user's latest message the account has read (mark as read).</param>
/// <param name="LoadingUntil">The loading animation shows until then.</param>
internal sealed record ChatMarks(string? ReadMessageId, DateTimeOffset? ReadAt, DateTimeOffset? LoadingUntil);
