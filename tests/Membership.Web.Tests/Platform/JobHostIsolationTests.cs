using Hangfire;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Platform;

/// <summary>
/// Two app hosts in one process (as tests run them) keep their own Hangfire storage and job activator: Hangfire's
/// statics (<see cref="JobStorage.Current"/>, <see cref="JobActivator.Current"/>) belong to whichever host was configured
/// last, and a job run through another host's activator reads that host's database ("run … does not exist").
/// </summary>
public sealed class JobHostIsolationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_host_resolves_its_own_job_activator_and_storage_even_after_another_host_started()
    {
        // No job server: nothing resolves this host's activator before the second host has started.
        await using var first = new MembershipWebFactory(app.ConnectionString, new Dictionary<string, string?> { ["Jobs:ServerEnabled"] = "false" });
        _ = first.Server;
        await using var second = new WebAppFixture();
        await second.InitializeAsync(); // configured last: Hangfire's statics are now its own

        var activator = first.Services.GetRequiredService<JobActivator>();
        var storage = first.Services.GetRequiredService<JobStorage>();

        Assert.NotSame(JobActivator.Current, activator);
        Assert.NotSame(second.Factory.Services.GetRequiredService<JobActivator>(), activator);
        Assert.NotSame(JobStorage.Current, storage);
        Assert.NotSame(second.Factory.Services.GetRequiredService<JobStorage>(), storage);
    }
}
