using Membership.Contracts.Broadcast;
using Membership.Shared.Time;

namespace Membership.Broadcast.Campaigns;

/// <summary>When a weekly rule (Asia/Taipei) sends next, and whether a rule is usable.</summary>
internal static class Recurrence
{
    /// <summary>The first matching time strictly after <paramref name="after"/>; null once past the end date.</summary>
    public static DateTimeOffset? Next(CampaignRecurrence rule, DateTimeOffset after)
    {
        var day = DateOnly.FromDateTime(TaipeiTime.ToTaipei(after).DateTime);
        for (var i = 0; i <= 7; i++, day = day.AddDays(1))
        {
            if (rule.Until is { } until && day > until)
            {
                return null;
            }

            if (!rule.Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var local = day.ToDateTime(rule.At);
            var at = new DateTimeOffset(local, TaipeiTime.Zone.GetUtcOffset(local)).ToUniversalTime();
            if (at > after)
            {
                return at;
            }
        }

        return null;
    }

    public static string? Check(CampaignRecurrence rule, DateTimeOffset now)
    {
        if (rule.Days.Count == 0)
        {
            return "Pick at least one weekday.";
        }

        return Next(rule, now) is null ? "The end date leaves no occurrence." : null;
    }
}
