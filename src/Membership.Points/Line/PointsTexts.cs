using System.Globalization;
using Membership.Contracts.Line;

namespace Membership.Points.Line;

/// <summary>Customer-facing LINE texts: zh-TW, English when the member's LINE language starts with <c>en</c>.</summary>
internal static class PointsTexts
{
    public static string Earned(string? language, int points, int balance) => CustomerLanguage.IsEnglish(language)
        ? $"Thank you for your purchase! You earned {points:N0} points; your balance is {balance:N0} points."
        : $"感謝您的消費！本次獲得 {points:N0} 點，目前點數餘額 {balance:N0} 點。";

    public static string ExpiryReminder(string? language, int points, DateOnly expiresOn) => CustomerLanguage.IsEnglish(language)
        ? $"Reminder: {points:N0} of your points expire on {Date(expiresOn)}. Use them before then!"
        : $"提醒您：您有 {points:N0} 點將於 {Date(expiresOn)} 到期，請把握時間使用！";

    public static string Date(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
}
