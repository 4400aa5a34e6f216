using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Members;

/// <summary>What other modules call on Members: timeline entries (idempotent by source id) and birthdays by month.</summary>
public sealed class MembersModuleTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private IMembersModule Members => app.Services.GetRequiredService<IMembersModule>();

    private IMemberDirectory Directory => app.Services.GetRequiredService<IMemberDirectory>();

    [Fact]
    public async Task A_timeline_entry_is_recorded_once_per_source_id()
    {
        var member = await OfflineAsync("0955000001", "林美玲", null);
        var entry = new MemberTimelineEntry(member.Id, At, "points.earned", "消費 NT$120，獲得 12 點", "points:purchase:p-1");

        Assert.True(await Members.RecordTimelineEntryAsync(entry));
        Assert.False(await Members.RecordTimelineEntryAsync(entry with { Summary = "重送" }));

        var timeline = (await Members.GetTimelineAsync(member.Id, new PageRequest(1, 50))).Items.Where(t => t.Kind == "points.earned").ToList();
        var recorded = Assert.Single(timeline);
        Assert.Equal(("消費 NT$120，獲得 12 點", At), (recorded.Summary, recorded.OccurredAt));
    }

    [Fact]
    public async Task An_unknown_member_gets_no_entry_and_bad_input_is_refused()
    {
        var unknown = new MemberTimelineEntry(Guid.NewGuid(), At, "points.earned", "x", "points:purchase:unknown");

        Assert.False(await Members.RecordTimelineEntryAsync(unknown));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Members.RecordTimelineEntryAsync(unknown with { SourceId = " " }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Members.RecordTimelineEntryAsync(unknown with { Kind = "" }));
    }

    [Fact]
    public async Task Concurrent_duplicates_insert_once()
    {
        var member = await OfflineAsync("0955000002", "黃志偉", null);
        var entry = new MemberTimelineEntry(member.Id, At, "stamps.added", "集點卡 +1", "stamps:card:c-1:1");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Members.RecordTimelineEntryAsync(entry))));

        Assert.Single(results, inserted => inserted);
        Assert.Single((await Members.GetTimelineAsync(member.Id, new PageRequest(1, 50))).Items, t => t.Kind == "stamps.added");
    }

    [Fact]
    public async Task A_long_summary_is_cut_to_fit()
    {
        var member = await OfflineAsync("0955000003", "張雅婷", null);

        Assert.True(await Members.RecordTimelineEntryAsync(new MemberTimelineEntry(member.Id, At, "campaign.sent", new string('字', 800), "campaigns:c-9")));

        var entry = Assert.Single((await Members.GetTimelineAsync(member.Id, new PageRequest(1, 50))).Items, t => t.Kind == "campaign.sent");
        Assert.Equal(500, entry.Summary.Length);
    }

    [Fact]
    public async Task Birthdays_stream_the_months_members_and_leave_out_erased_ones()
    {
        var march = await OfflineAsync("0955000011", "陳怡君", new DateOnly(1990, 3, 8));
        var marchToo = await OfflineAsync("0955000012", "王建宏", new DateOnly(1985, 3, 31));
        var april = await OfflineAsync("0955000013", "李淑芬", new DateOnly(1990, 4, 1));
        var erased = await OfflineAsync("0955000014", "吳佩珊", new DateOnly(1992, 3, 15));
        await app.Services.GetRequiredService<IMemberPrivacy>().EraseAsync(erased.Id, "會員要求刪除");

        var inMarch = await Members.StreamBirthdaysAsync(3).ToListAsync();
        var ids = inMarch.Select(b => b.MemberId).ToList();

        Assert.Contains(march.Id, ids);
        Assert.Contains(marchToo.Id, ids);
        Assert.DoesNotContain(april.Id, ids);
        Assert.DoesNotContain(erased.Id, ids);
        Assert.All(inMarch, b => Assert.Equal(3, b.Birthday.Month));
        Assert.Equal(ids.Order().ToList(), ids); // by id, so a job can resume
        Assert.Equal(("陳怡君", new DateOnly(1990, 3, 8)), inMarch.Where(b => b.MemberId == march.Id).Select(b => (b.Name, b.Birthday)).Single());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Members.StreamBirthdaysAsync(13).ToListAsync());
    }

    private async Task<MemberSummary> OfflineAsync(string mobile, string name, DateOnly? birthday)
    {
        var member = (await Directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, name))).Member;
        if (birthday is not null)
        {
            await Directory.UpdateProfileAsync(new UpdateMemberProfileRequest(member.Id, name, mobile, null, birthday, Gender.Unspecified, null, null, "test"));
        }

        return member;
    }
}
