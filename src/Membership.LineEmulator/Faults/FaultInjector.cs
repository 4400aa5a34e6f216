namespace Membership.LineEmulator.Faults;

/// <summary>
/// Answers a share of API calls with 429 or 500 before doing anything (so a failed call accepts no retry key), and
/// can delay the answer of an accepted send (the send is done, the client times out: its retry must get a 409).
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new();

    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public void Set(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = settings.Seed is { } seed ? new Random(seed) : new Random();
        }
    }

    public void Reset() => Set(FaultSettings.None);

    /// <summary>The status to fail this call with, or null to let it through.</summary>
    public int? NextFailure()
    {
        lock (_gate)
        {
            if (_settings.FailureRate <= 0 || _settings.StatusCodes.Count == 0 || _random.NextDouble() >= _settings.FailureRate)
            {
                return null;
            }

            return _settings.StatusCodes[_random.Next(_settings.StatusCodes.Count)];
        }
    }
}

/// <param name="FailureRate">Share (0–1) of API calls answered with one of <paramref name="StatusCodes"/>.</param>
/// <param name="RetryAfterSeconds">Sent as <c>Retry-After</c> on injected 429s when set (LINE itself does not promise one).</param>
/// <param name="AnswerDelayMs">Delay before answering an accepted send (push, multicast, narrowcast, broadcast, reply).</param>
/// <param name="Seed">Makes the injected failures reproducible.</param>
internal sealed record FaultSettings(
    double FailureRate,
    IReadOnlyList<int> StatusCodes,
    int? RetryAfterSeconds = null,
    int AnswerDelayMs = 0,
    int? Seed = null)
{
    public static readonly FaultSettings None = new(0, []);
}
