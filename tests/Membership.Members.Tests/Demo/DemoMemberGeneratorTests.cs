using Membership.Contracts.Members;
using Membership.Members.Demo;
using Membership.Members.Profiles;

namespace Membership.Members.Tests.Demo;

public sealed class DemoMemberGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mobiles_and_member_codes_are_valid_and_unique_across_many_members()
    {
        var members = new DemoMemberGenerator(7, Now).Generate(200_000).ToList();

        var mobiles = members.Where(m => m.Mobile is not null).Select(m => m.Mobile!).ToList();
        Assert.All(mobiles, m => Assert.Equal(m, TaiwanMobile.Normalize(m)));
        Assert.Equal(mobiles.Count, mobiles.Distinct().Count());
        Assert.All(members, m => Assert.True(MemberCodes.IsValid(m.MemberCode), m.MemberCode));
        Assert.Equal(members.Count, members.Select(m => m.MemberCode).Distinct().Count());
        Assert.Equal(members.Count, members.Where(m => m.LineUserId is not null).Select(m => m.LineUserId).Distinct().Count()
            + members.Count(m => m.LineUserId is null));
    }

    [Fact]
    public void The_same_seed_gives_the_same_members()
    {
        var first = new DemoMemberGenerator(42, Now).Generate(500).Select(m => m with { Id = Guid.Empty }).ToList();
        var second = new DemoMemberGenerator(42, Now).Generate(500).Select(m => m with { Id = Guid.Empty }).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Members_look_like_a_taiwanese_brands_members()
    {
        var members = new DemoMemberGenerator(1, Now).Generate(5_000).ToList();

        Assert.Equal(22, members.Where(m => m.Region is not null).Select(m => m.Region).Distinct().Count());
        Assert.True(members.Count(m => m.Region == "NWT") > members.Count(m => m.Region == "PEN") * 10);
        Assert.All(members, m => Assert.InRange(m.CreatedAt, Now.AddYears(-2).AddDays(-1), Now));
        Assert.All(members.Where(m => m.Birthday is not null), m => Assert.InRange(m.Birthday!.Value.Year, 1950, 2008));
        Assert.All(members.Where(m => m.LineUserId is not null), m => Assert.Matches("^U[0-9a-f]{32}$", m.LineUserId!));
        Assert.Contains(members, m => m.Status == MemberStatus.Offline && m.FriendStatus == FriendStatus.NeverFriend && m.Mobile is not null);
        Assert.Contains(members, m => m.Status == MemberStatus.Registered && m.RegisteredAt >= m.CreatedAt);
        Assert.Contains(members, m => m.Status == MemberStatus.Friend && m.Name is null && m.LineDisplayName is not null);
        Assert.Contains(members, m => m.FriendStatus == FriendStatus.Blocked);
        Assert.All(members.Where(m => m.Name is not null), m => Assert.InRange(m.Name!.Length, 3, 3));
    }
}
