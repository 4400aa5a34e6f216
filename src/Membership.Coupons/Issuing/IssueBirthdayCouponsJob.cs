using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Coupons.Definitions;
using Membership.Shared.Tiers;
using Membership.Shared.Time;
using Microsoft.Extensions.Logging;

namespace Membership.Coupons.Issuing;

/// <summary>
/// Monthly: every active birthday coupon to the members born this month (at the definition's minimum tier or above).
/// The key holds the year, and keys are unique, so a second run (the same day or later in the year) issues nothing again.
/// </summary>
internal sealed partial class IssueBirthdayCouponsJob(
    CouponDefinitions definitions,
    CouponIssuer issuer,
    IMembersModule members,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<IssueBirthdayCouponsJob> logger)
{
    public const string RecurringId = "coupons:issue-birthday-coupons";

    /// <returns>How many coupons this run issued.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var birthdayCoupons = await definitions.ListActiveAsync(CouponPurpose.Birthday, ct);
        if (birthdayCoupons.Count == 0)
        {
            return 0;
        }

        var today = TaipeiTime.Today(clock);
        var issued = 0;
        await foreach (var birthday in members.StreamBirthdaysAsync(today.Month, ct))
        {
            var rank = birthdayCoupons.Any(d => d.MinTierRank > 0) ? await services.TierRankOfAsync(birthday.MemberId, ct) : 0;
            foreach (var definition in birthdayCoupons.Where(d => d.MinTierRank <= rank))
            {
                var result = await issuer.IssueAsync(new IssueCouponRequest(
                    definition.Id, birthday.MemberId, $"birthday:{definition.Id}:{birthday.MemberId}:{today.Year}", "birthday"), ct);
                issued += result.Outcome == IssueCouponOutcome.Issued ? 1 : 0;
            }
        }

        LogIssued(issued, today.Month);
        return issued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} birthday coupons issued for month {Month}")]
    private partial void LogIssued(int count, int month);
}
