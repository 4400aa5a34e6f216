using System.Globalization;
using Membership.Contracts.Segmentation;
using Membership.Segmentation.Persistence;

namespace Membership.Segmentation.Scoring;

/// <summary>A member's score row as the contract gives it, with the NES state explained in words (zh-TW or English).</summary>
internal static class ScoreExplanation
{
    public static MemberScores ToScores(MemberScoreRow row, ScoringSettings settings, bool english)
    {
        var type = ScoreCodes.RfmTypes.FirstOrDefault(t => t.Code == row.RfmType);
        var nes = ScoreCodes.NesStates.FirstOrDefault(s => s.Code == row.NesState);
        return new MemberScores(
            row.MemberId, row.RunId, row.AsOfDate, row.RecencyDays, row.Frequency, row.Monetary,
            row.RScore, row.FScore, row.MScore, row.RfmType, row.RfmType is null ? null : english ? type.En : type.Zh,
            row.NesState, english ? nes.En : nes.Zh, row.CycleDays, row.FirstPurchaseOn, row.LastPurchaseOn,
            Explain(row, english ? nes.En : nes.Zh, english));
    }

    public static string Explain(MemberScoreRow row, string stateName, bool english)
    {
        var c = row.CycleDays;
        var state = $"{row.NesState} {stateName}";
        if (row.LastPurchaseOn is not { } last || row.FirstPurchaseOn is not { } first)
        {
            return english ? $"No purchases yet → {state}" : $"尚無消費紀錄 → {state}";
        }

        if (row.NesState == "N")
        {
            var sinceFirst = row.AsOfDate.DayNumber - first.DayNumber;
            return english
                ? $"First purchase {sinceFirst} days ago ≤ the {c}-day purchase cycle → {state}"
                : $"第一次消費 {sinceFirst} 天前 ≤ {c} 天購買週期 → {state}";
        }

        var days = row.AsOfDate.DayNumber - last.DayNumber;
        var ratio = (days / (decimal)c).ToString("0.0", CultureInfo.InvariantCulture);
        return english
            ? $"Last purchase {days} days ago = {ratio} × the {c}-day purchase cycle → {state}"
            : $"最近一次消費 {days} 天前 = {ratio} × {c} 天購買週期 → {state}";
    }
}
