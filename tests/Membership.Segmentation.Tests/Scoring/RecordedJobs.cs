using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Membership.Segmentation.Tests.Scoring;

/// <summary>A Hangfire client that keeps the jobs it is given instead of storing them; tests run them by hand.</summary>
internal sealed class RecordedJobs : IBackgroundJobClient
{
    private readonly ConcurrentQueue<Job> _jobs = new();

    public IReadOnlyList<Job> Jobs => [.. _jobs];

    /// <summary>When set, <see cref="Create"/> throws it (storage down).</summary>
    public Exception? Failure { get; set; }

    public string Create(Job job, IState state)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        _jobs.Enqueue(job);
        return _jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
