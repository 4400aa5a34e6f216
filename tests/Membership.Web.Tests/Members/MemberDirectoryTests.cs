using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Members;

/// <summary>The console's member directory on a real PostgreSQL (pg_trgm): search, filters, paging, edits, counter members.</summary>
public sealed class MemberDirectoryTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private IMemberDirectory Directory => app.Services.GetRequiredService<IMemberDirectory>();

    private IMembersModule Members => app.Services.GetRequiredService<IMembersModule>();

    [Fact]
    public async Task Part_of_a_mobile_finds_the_member_whatever_the_separators()
    {
        var member = await CreateAsync("0933111222", "林志明");
        await CreateAsync("0933999888", "黃淑芬");

        var found = await Directory.SearchAsync(new MemberQuery("111-22"), new PageRequest());

        Assert.Equal(member.Id, Assert.Single(found.Items).Id);
    }

    [Fact]
    public async Task A_name_with_a_typo_is_still_found_best_match_first()
    {
        var member = await CreateAsync("0933222333", "蔡宜蓁");
        await CreateAsync("0933222444", "周杰倫");

        var found = await Directory.SearchAsync(new MemberQuery("蔡宜珍"), new PageRequest());

        Assert.Equal(member.Id, found.Items[0].Id);
        Assert.DoesNotContain(found.Items, m => m.Name == "周杰倫");
    }

    [Fact]
    public async Task A_member_code_finds_exactly_that_member_and_a_wrong_check_digit_finds_nobody()
    {
        var member = await CreateAsync("0933333444", "張家豪");
        var wrongDigit = member.MemberCode[..11] + (char)('0' + ((member.MemberCode[11] - '0' + 1) % 10));

        var found = await Directory.SearchAsync(new MemberQuery(member.MemberCode), new PageRequest());

        Assert.Equal(member.Id, Assert.Single(found.Items).Id);
        Assert.Equal(member.Id, (await Directory.FindByMemberCodeAsync(member.MemberCode))!.Id);
        Assert.Null(await Directory.FindByMemberCodeAsync(wrongDigit));
    }

    [Fact]
    public async Task A_line_display_name_finds_the_friend()
    {
        var friend = await Members.RecordLineFollowAsync(new LineFollow(
            "U" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), false, "咖啡控 Vivian", null, "zh-TW"));

        var found = await Directory.SearchAsync(new MemberQuery("vivian"), new PageRequest());

        Assert.Contains(found.Items, m => m.Id == friend.Id);
    }

    [Fact]
    public async Task Filters_combine_status_region_and_taipei_join_days()
    {
        var inTaichung = await CreateAsync("0933444555", "李建宏", region: "TXG");
        await CreateAsync("0933444666", "李建志", region: "KHH");
        var today = Membership.Shared.Time.TaipeiTime.Today(TimeProvider.System);

        var found = await Directory.SearchAsync(
            new MemberQuery(Status: MemberStatus.Offline, Region: "TXG", JoinedFrom: today, JoinedTo: today), new PageRequest());
        var yesterday = await Directory.SearchAsync(
            new MemberQuery(Region: "TXG", JoinedTo: today.AddDays(-1)), new PageRequest());

        Assert.Equal(inTaichung.Id, Assert.Single(found.Items).Id);
        Assert.Empty(yesterday.Items);
    }

    [Fact]
    public async Task Pages_are_counted_on_the_server_and_sorted_by_name()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateAsync($"09345000{i:D2}", $"分頁{(char)('甲' + i)}", region: "PEN");
        }

        var second = await Directory.SearchAsync(new MemberQuery(Region: "PEN"), new PageRequest(2, 3), new MemberSort(MemberSortField.Name, Descending: false));

        Assert.Equal(7, second.TotalCount);
        Assert.Equal(3, second.PageCount);
        Assert.Equal(3, second.Items.Count);
        var all = await Directory.SearchAsync(new MemberQuery(Region: "PEN"), new PageRequest(1, 10), new MemberSort(MemberSortField.Name, Descending: false));
        Assert.Equal(all.Items.Skip(3).Take(3).Select(m => m.Id), second.Items.Select(m => m.Id));
        Assert.Equal(all.Items.Select(m => m.Name).Order(StringComparer.Ordinal), all.Items.Select(m => m.Name));
    }

    [Fact]
    public async Task A_profile_change_needs_a_reason_and_is_audited_without_the_mobile()
    {
        var member = await CreateAsync("0933555666", "王小明");
        var change = new UpdateMemberProfileRequest(member.Id, "王曉明", "0933-555-777", "ming@example.com", new DateOnly(1990, 1, 2),
            Gender.Male, "TPE", "信義店", "");

        var refused = await Assert.ThrowsAsync<MemberDirectoryException>(() => Directory.UpdateProfileAsync(change));
        var profile = await Directory.UpdateProfileAsync(change with { Reason = "顧客來電更正" });

        Assert.Equal(MemberDirectoryException.ReasonRequired, refused.Code);
        Assert.Equal("0933555777", profile.Mobile);
        Assert.Equal("TPE", profile.Region);
        var audit = Assert.Single((await app.Services.GetRequiredService<IAuditTrail>()
            .ListAsync(new AuditQuery("member.profile-changed", "member", member.Id.ToString()), new PageRequest())).Items);
        Assert.Equal("顧客來電更正", audit.Reason);
        Assert.Contains("mobile", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("0933", audit.Details + audit.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("ming@", audit.Details, StringComparison.Ordinal);
        var timeline = await Members.GetTimelineAsync(member.Id, new PageRequest());
        Assert.Contains(timeline.Items, t => t.Kind == TimelineKinds.ProfileChanged && !t.Summary.Contains("0933", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mobile_taken_by_another_member_is_refused_with_its_code()
    {
        await CreateAsync("0933666777", "甲");
        var other = await CreateAsync("0933666888", "乙");

        var refused = await Assert.ThrowsAsync<MemberDirectoryException>(() => Directory.UpdateProfileAsync(
            new UpdateMemberProfileRequest(other.Id, "乙", "0933666777", null, null, Gender.Unspecified, null, null, "測試")));

        Assert.Equal(MemberDirectoryException.MobileTaken, refused.Code);
    }

    [Fact]
    public async Task A_counter_member_is_created_once_per_mobile()
    {
        var first = await Directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest("0933 777 888", "陳怡君"));
        var again = await Directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest("+886933777888"));

        Assert.False(first.AlreadyExisted);
        Assert.True(again.AlreadyExisted);
        Assert.Equal(first.Member.Id, again.Member.Id);
        Assert.Equal(MemberStatus.Offline, first.Member.Status);
        Assert.Equal("0933777888", first.Member.Mobile);
        Assert.Equal(first.Member.Id, (await Directory.FindByMemberCodeAsync(first.Member.MemberCode))?.Id); // 12 digits, valid check digit
        var invalid = await Assert.ThrowsAsync<MemberDirectoryException>(() => Directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest("12345")));
        Assert.Equal(MemberDirectoryException.MobileInvalid, invalid.Code);
    }

    [Fact]
    public async Task A_note_keeps_its_author_and_goes_on_the_timeline()
    {
        var member = await CreateAsync("0933888999", "吳佩珊");

        await Directory.AddNoteAsync(new AddStaffNoteRequest(member.Id, "陳店員", "喜歡無糖綠茶"));

        var profile = await Directory.GetProfileAsync(member.Id);
        var note = Assert.Single(profile!.Notes);
        Assert.Equal(("陳店員", "喜歡無糖綠茶"), (note.Author, note.Text));
        Assert.Contains((await Members.GetTimelineAsync(member.Id, new PageRequest())).Items, t => t.Kind == TimelineKinds.NoteAdded);
    }

    [Fact]
    public async Task A_pinned_note_comes_first_and_only_the_members_own_note_can_be_pinned()
    {
        var member = await CreateAsync("0933888777", "林雅婷");
        var other = await CreateAsync("0933888666", "別的會員");
        var allergy = await Directory.AddNoteAsync(new AddStaffNoteRequest(member.Id, "陳店員", "對花生過敏"));
        await Directory.AddNoteAsync(new AddStaffNoteRequest(member.Id, "陳店員", "喜歡靠窗座位"));

        Assert.True(await Directory.SetNotePinnedAsync(member.Id, allergy.Id, pinned: true));
        Assert.False(await Directory.SetNotePinnedAsync(other.Id, allergy.Id, pinned: false)); // not their note

        var notes = (await Directory.GetProfileAsync(member.Id))!.Notes;
        Assert.Equal([("對花生過敏", true), ("喜歡靠窗座位", false)], notes.Select(n => (n.Text, n.Pinned)));
        Assert.True(await Directory.SetNotePinnedAsync(member.Id, allergy.Id, pinned: false));
        Assert.Equal(["喜歡靠窗座位", "對花生過敏"], (await Directory.GetProfileAsync(member.Id))!.Notes.Select(n => n.Text)); // newest first again
    }

    private async Task<MemberSummary> CreateAsync(string mobile, string name, string? region = null)
    {
        var created = (await Directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, name))).Member;
        if (region is not null)
        {
            await Directory.UpdateProfileAsync(new UpdateMemberProfileRequest(created.Id, name, mobile, null, null, Gender.Unspecified, region, null, "test"));
        }

        return created;
    }
}
