using System.Globalization;
using Membership.Contracts.Coupons;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Shared.Ids;
using Membership.Shared.Time;
using Microsoft.Extensions.Logging;

namespace Membership.Coupons.Issuing;

/// <summary>Tells a member who is a LINE friend about a new coupon (zh-TW, English when their LINE language is English).</summary>
internal sealed partial class CouponNotifier(ILineMessagingClient line, IMemberLinks links, ILogger<CouponNotifier> logger)
{
    public async Task NotifyIssuedAsync(MemberSummary member, MemberCoupon coupon, CancellationToken ct)
    {
        if (member.LineUserId is not { } lineUserId || member.FriendStatus != FriendStatus.Friend)
        {
            return;
        }

        try
        {
            var text = Text(coupon, member.Language, links.CardUrl(lineUserId));
            await line.PushAsync(new PushMessageRequest(lineUserId, [new TextMessage(text)]), DeterministicGuid.From($"coupons:issued:{coupon.Id}"), ct);
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            // The coupon is issued and shown on the member card; the push is a courtesy.
            LogPushFailed(ex, coupon.Id);
        }
    }

    internal static string Text(MemberCoupon coupon, string? language, string cardUrl)
    {
        var lastDay = DateOnly.FromDateTime(TaipeiTime.ToTaipei(coupon.ValidUntil.AddTicks(-1)).DateTime).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        var english = CustomerLanguage.IsEnglish(language);
        return english
            ? $"""
              🎁 A coupon for you: {coupon.NameFor(language)}
              {Benefit(coupon, english)}
              Valid until {lastDay}
              Code: {coupon.Code}
              Show it at the counter: {cardUrl}
              """
            : $"""
              🎁 送您一張優惠券：{coupon.Name}
              {Benefit(coupon, english)}
              使用期限至 {lastDay}
              優惠碼：{coupon.Code}
              到店出示即可使用：{cardUrl}
              """;
    }

    internal static string Benefit(MemberCoupon coupon, bool english) => coupon.Kind switch
    {
        CouponKind.AmountOff => english ? $"NT${coupon.Value:0} off" : $"折抵 NT${coupon.Value:0}",
        CouponKind.PercentOff => english ? $"{coupon.Value:0}% off" : $"{Discount(coupon.Value)} 折",
        _ => english ? $"Free: {coupon.FreeItem}" : $"免費兌換：{coupon.FreeItem}",
    };

    /// <summary>Taiwan writes 20% off as 「8 折」 and 15% off as 「85 折」.</summary>
    private static string Discount(decimal percentOff)
    {
        var paid = 100 - percentOff;
        return (paid % 10 == 0 ? paid / 10 : paid).ToString("0", CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Coupon {CouponId} issued, but the LINE push failed")]
    private partial void LogPushFailed(Exception ex, Guid couponId);
}
