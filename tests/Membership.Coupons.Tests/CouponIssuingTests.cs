using Membership.Contracts.Coupons;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Coupons.Issuing;

namespace Membership.Coupons.Tests;

/// <summary>Issuing on a real PostgreSQL: welcome once per member, birthday once a year, limits, pushes.</summary>
public sealed class CouponIssuingTests(CouponsDatabase db) : IClassFixture<CouponsDatabase>
{
    [Fact]
    public async Task The_welcome_coupon_is_issued_once_however_often_the_event_is_delivered()
    {
        var welcome = await db.AddDefinitionAsync(CouponPurpose.Welcome);
        var member = db.Members.Add(lineUserId: "U" + Guid.NewGuid().ToString("N"));
        var registered = new MemberRegistered(member.Id, member.MemberCode, member.LineUserId, db.Clock.GetUtcNow(), false);
        var handler = db.Get<IEnumerable<Contracts.Common.IIntegrationEventHandler<MemberRegistered>>>().Single();

        await handler.HandleAsync(registered, Guid.NewGuid(), CancellationToken.None);
        await handler.HandleAsync(registered, Guid.NewGuid(), CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => db.Get<IEnumerable<Contracts.Common.IIntegrationEventHandler<MemberRegistered>>>()
            .Single().HandleAsync(registered, Guid.NewGuid(), CancellationToken.None))));

        var coupons = await db.Coupons.GetMemberCouponsAsync(member.Id, usableOnly: true);
        Assert.Single(coupons, c => c.DefinitionId == welcome.Id);
        Assert.Single(db.Line.Pushes, p => p.Request.To == member.LineUserId);
    }

    [Fact]
    public async Task The_birthday_job_run_twice_in_a_day_issues_once_per_member_and_again_next_year()
    {
        db.Clock.Set(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero)); // 09:00 in Taipei
        var birthday = await db.AddDefinitionAsync(CouponPurpose.Birthday);
        var march = db.Members.Add("三月壽星", new DateOnly(1990, 3, 15));
        var april = db.Members.Add("四月壽星", new DateOnly(1990, 4, 2));

        var firstRun = await db.Get<IssueBirthdayCouponsJob>().RunAsync(CancellationToken.None);
        db.Clock.Advance(TimeSpan.FromHours(8));
        var secondRun = await db.Get<IssueBirthdayCouponsJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, firstRun);
        Assert.Equal(0, secondRun);
        Assert.Single(await db.Coupons.GetMemberCouponsAsync(march.Id, usableOnly: false), c => c.DefinitionId == birthday.Id);
        Assert.Empty(await db.Coupons.GetMemberCouponsAsync(april.Id, usableOnly: false));

        db.Clock.Set(new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero));
        await db.Get<IssueBirthdayCouponsJob>().RunAsync(CancellationToken.None);
        Assert.Equal(2, (await db.Coupons.GetMemberCouponsAsync(march.Id, usableOnly: false)).Count(c => c.DefinitionId == birthday.Id));
    }

    [Fact]
    public async Task A_campaign_key_issues_once_and_the_issue_limit_is_never_passed()
    {
        var limited = await db.AddDefinitionAsync(CouponPurpose.Campaign, issueLimit: 3);
        var member = db.Members.Add();

        var once = await db.Coupons.IssueAsync(new IssueCouponRequest(limited.Id, member.Id, "campaign:spring:1", "campaign"));
        var replay = await db.Coupons.IssueAsync(new IssueCouponRequest(limited.Id, member.Id, "campaign:spring:1", "campaign"));
        var rush = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            db.Coupons.IssueAsync(new IssueCouponRequest(limited.Id, db.Members.Add().Id, $"campaign:spring:rush-{i}", "campaign")))));

        Assert.Equal(IssueCouponOutcome.Issued, once.Outcome);
        Assert.Equal(IssueCouponOutcome.Replayed, replay.Outcome);
        Assert.Equal(once.Coupon!.Code, replay.Coupon!.Code);
        Assert.Equal(2, rush.Count(r => r.Outcome == IssueCouponOutcome.Issued));
        Assert.Equal(8, rush.Count(r => r.Outcome == IssueCouponOutcome.IssueLimitReached));
        Assert.Equal(3, (await db.Coupons.ListDefinitionsAsync(new Contracts.Common.PageRequest(1, 200))).Items.Single(d => d.Id == limited.Id).IssuedCount);
    }

    [Fact]
    public async Task The_push_is_in_english_for_english_members_and_never_to_those_who_are_not_friends()
    {
        var definition = await db.AddDefinitionAsync();
        var english = db.Members.Add(lineUserId: "U" + Guid.NewGuid().ToString("N"), language: "en");
        var offline = db.Members.Add();

        var coupon = await db.IssueAsync(definition, english);
        await db.IssueAsync(definition, offline);

        var push = Assert.Single(db.Line.Pushes, p => p.Request.To == english.LineUserId);
        var text = Assert.IsType<TextMessage>(Assert.Single(push.Request.Messages)).Text;
        Assert.Contains("NT$50 off", text, StringComparison.Ordinal);
        Assert.Contains(coupon.Code, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_without_an_end_or_with_a_bad_value_is_refused()
    {
        var error = await Assert.ThrowsAsync<CouponValidationException>(() => db.Coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "九折", null, CouponKind.PercentOff, 120, null, null, null, null, 0, 0, CouponPurpose.Manual, 0, true, "owner@test")));

        Assert.Equal(["issueLimit", "usesPerCoupon", "validTo", "value"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Percent_off_reads_the_taiwanese_way()
    {
        var coupon = new MemberCoupon(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "ABCDEFGHJK", "85折", null, CouponKind.PercentOff, 15, null,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), 1, 0, null, "staff");

        Assert.Equal("85 折", CouponNotifier.Benefit(coupon, english: false));
        Assert.Equal("9 折", CouponNotifier.Benefit(coupon with { Value = 10 }, english: false));
        Assert.Equal("15% off", CouponNotifier.Benefit(coupon, english: true));
    }
}
