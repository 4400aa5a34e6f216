using Membership.Shared.Demo;
using Microsoft.Extensions.Configuration;

namespace Membership.Members.Demo;

/// <summary>Demo mode: <c>Demo:Members</c> generated members (appsettings.Demo.json says how many; none unless set), into an empty table.</summary>
internal sealed class MembersDemoSeeder(DemoMembers members, IConfiguration configuration) : IDemoSeeder
{
    public int Order => DemoSeedOrder.Members;

    public Task SeedAsync(CancellationToken ct) => members.SeedAsync(configuration.GetValue("Demo:Members", 0), ct);
}
