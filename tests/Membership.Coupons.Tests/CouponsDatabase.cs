using Membership.Contracts.Coupons;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Testing.Fakes;
using Membership.Testing.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Coupons.Tests;

public sealed class CouponsDatabase : ModuleDatabase
{
    internal RecordingLineClient Line { get; } = new();

    public ICouponsModule Coupons => Get<ICouponsModule>();

    protected override void AddModule(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ILineMessagingClient>(Line);
        services.AddSingleton<IMemberLinks, FakeMemberLinks>();
        services.AddCouponsModule(configuration);
    }

    public Task<CouponDefinition> AddDefinitionAsync(
        CouponPurpose purpose = CouponPurpose.Manual, int? validDays = 30, DateOnly? validFrom = null, DateOnly? validTo = null,
        int usesPerCoupon = 1, int? issueLimit = null, int minTierRank = 0) =>
        Coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "折價 NT$50", "NT$50 off", CouponKind.AmountOff, 50, null, validFrom, validTo, validDays, usesPerCoupon, issueLimit,
            purpose, minTierRank, true, "owner@test"));

    public async Task<MemberCoupon> IssueAsync(CouponDefinition definition, MemberSummary member)
    {
        var result = await Coupons.IssueAsync(new IssueCouponRequest(definition.Id, member.Id, $"manual:{Guid.NewGuid()}", "staff@test"));
        Assert.Equal(IssueCouponOutcome.Issued, result.Outcome);
        return result.Coupon!;
    }
}
