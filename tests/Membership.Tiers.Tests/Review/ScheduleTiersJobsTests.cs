using Hangfire;
using Hangfire.Common;
using Membership.Shared.Time;
using Membership.Tiers.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Tiers.Tests.Review;

public sealed class ScheduleTiersJobsTests
{
    [Fact]
    public void The_review_runs_nightly_in_Taipei_time()
    {
        var jobs = new RecordingJobManager();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IRecurringJobManager>(jobs);
        using var host = builder.Build();

        host.ScheduleTiersJobs();

        var (id, job, cron, options) = Assert.Single(jobs.Added);
        Assert.Equal("tiers:review-tiers", id);
        Assert.Equal(typeof(ReviewTiersJob), job.Type);
        Assert.Equal(nameof(ReviewTiersJob.RunAsync), job.Method.Name);
        Assert.Equal("30 3 * * *", cron);
        Assert.Equal(TaipeiTime.Zone, options.TimeZone);
    }

    private sealed class RecordingJobManager : IRecurringJobManager
    {
        public List<(string Id, Job Job, string Cron, RecurringJobOptions Options)> Added { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
            Added.Add((recurringJobId, job, cronExpression, options));

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
