namespace Membership.Contracts.Line;

/// <summary>
/// LINE answered with an error (any 4xx other than an accepted retry-key 409, or a 429/5xx still failing after the
/// retries). Carries LINE's own <c>message</c>, <c>details[]</c> and the <c>X-Line-Request-Id</c> for support.
/// </summary>
public sealed class LineApiException : Exception
{
    public LineApiException(int statusCode, string lineMessage, IReadOnlyList<LineErrorDetail>? details = null, string? requestId = null)
        : base($"LINE API answered {statusCode}: {lineMessage}")
    {
        StatusCode = statusCode;
        LineMessage = lineMessage;
        Details = details ?? [];
        RequestId = requestId;
    }

    public LineApiException()
        : this(0, "unknown error")
    {
    }

    public LineApiException(string message)
        : this(0, message)
    {
    }

    public LineApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        LineMessage = message;
        Details = [];
    }

    public int StatusCode { get; }

    /// <summary>LINE's <c>message</c>, e.g. <c>Invalid reply token</c>.</summary>
    public string LineMessage { get; }

    public IReadOnlyList<LineErrorDetail> Details { get; }

    /// <summary>LINE's <c>X-Line-Request-Id</c> of the failing answer.</summary>
    public string? RequestId { get; }

    /// <summary>True for the 400 LINE gives an invalid, used or expired reply token (fall back to a push).</summary>
    public bool IsInvalidReplyToken => StatusCode == 400 && LineMessage.Contains("reply token", StringComparison.OrdinalIgnoreCase);
}

public sealed record LineErrorDetail(string? Message, string? Property);

/// <summary>
/// LINE could not be reached or did not answer in time, even after the retries. For a reply the delivery is UNKNOWN
/// (it may have gone out); for push/multicast/narrowcast/broadcast call again later with the same retry key.
/// </summary>
public sealed class LineUnavailableException : Exception
{
    public LineUnavailableException()
    {
    }

    public LineUnavailableException(string message)
        : base(message)
    {
    }

    public LineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
