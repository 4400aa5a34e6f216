namespace Membership.Broadcast.Dispatch;

/// <summary>Section <c>Broadcast</c>.</summary>
internal sealed class BroadcastOptions
{
    public const string Section = "Broadcast";

    /// <summary>Whether this instance sends campaigns; several instances may, one per campaign at a time.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim lasts without renewal before another instance may take the campaign over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>LINE requests in flight at once (the rate limits cap the rate; more in flight hides each answer's latency).</summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>LINE's rate limits (requests per second) for multicast and push.</summary>
    public int MulticastPerSecond { get; set; } = 200;

    public int PushPerSecond { get; set; } = 2000;

    /// <summary>
    /// A personalised campaign's recipients who share a rendering go by one multicast once there are this many of them
    /// (fewer requests; the quota counts the same). Below it each gets a push.
    /// </summary>
    public int MulticastGroupMinimum { get; set; } = 2;

    /// <summary>Batches sent between two writes of their outcome.</summary>
    public int ChunkSize { get; set; } = 200;

    /// <summary>A batch LINE keeps refusing with 429/5xx (or never answers) fails after this many rounds.</summary>
    public int MaxAttempts { get; set; } = 20;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The app's public address (e.g. <c>https://crm.example.tw</c>): tracked links are <c>{PublicBaseUrl}/r/{token}</c>.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
