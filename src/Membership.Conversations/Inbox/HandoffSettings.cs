using System.Globalization;
using Membership.Shared.Time;
using Microsoft.Extensions.Options;

namespace Membership.Conversations.Inbox;

/// <summary>
/// Section <c>Conversations</c>: business hours in Asia/Taipei (<c>BusinessHours</c>, e.g. <c>09:00-21:00</c>; empty for
/// always), the away message outside them (<c>{0}</c> is the next opening time), and <c>BackToBotAfter</c>: a person's
/// conversation goes back to the bot when a customer writes after this long without staff activity.
/// </summary>
internal sealed class HandoffSettings(IOptions<ConversationsOptions> options)
{
    public const string InHours = "已為您轉接專人客服，請稍候，我們會盡快回覆您 🙏";
    public const string DefaultAway = "目前為非營業時間，已為您轉接專人客服，我們將於 {0} 起盡快回覆您 🙏";

    public TimeSpan BackToBotAfter => options.Value.BackToBotAfter;

    /// <summary>The acknowledgement of a hand-off at <paramref name="at"/>: in hours, or the away message with the opening time.</summary>
    public string Acknowledgement(DateTimeOffset at)
    {
        if (Hours() is not var (open, close))
        {
            return InHours;
        }

        var local = TaipeiTime.ToTaipei(at);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inHours = open <= close ? time >= open && time < close : time >= open || time < close;
        if (inHours)
        {
            return InHours;
        }

        var opening = time < open ? $"今天 {open:HH\\:mm}" : $"明天 {open:HH\\:mm}";
        return string.Format(CultureInfo.InvariantCulture, options.Value.AwayMessage ?? DefaultAway, opening);
    }

    private (TimeOnly Open, TimeOnly Close)? Hours()
    {
        var text = options.Value.BusinessHours;
        if (string.IsNullOrWhiteSpace(text) || text.Split('-') is not [var from, var to]
            || !TimeOnly.TryParseExact(from.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
            || !TimeOnly.TryParseExact(to.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close))
        {
            return null;
        }

        return (open, close);
    }
}
