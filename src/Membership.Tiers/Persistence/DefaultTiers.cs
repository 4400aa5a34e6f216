namespace Membership.Tiers.Persistence;

/// <summary>The tiers a new installation starts with (the Owner edits them on <c>/tiers</c>).</summary>
internal static class DefaultTiers
{
    public static TierDefinitionRow[] All { get; } =
    [
        new() { Code = "regular", NameZh = "一般", NameEn = "Regular", Rank = 0, Threshold = 0, PointsMultiplier = 1 },
        new()
        {
            Code = "silver", NameZh = "銀卡", NameEn = "Silver", Rank = 1, Threshold = 10_000, PointsMultiplier = 1.2m,
            BirthdayGift = "生日禮 100 點", BirthdayPoints = 100,
        },
        new()
        {
            Code = "gold", NameZh = "金卡", NameEn = "Gold", Rank = 2, Threshold = 30_000, PointsMultiplier = 1.5m,
            BirthdayGift = "生日禮 300 點", BirthdayPoints = 300,
        },
        new()
        {
            Code = "black", NameZh = "黑卡", NameEn = "Black", Rank = 3, Threshold = 80_000, PointsMultiplier = 2,
            BirthdayGift = "生日禮 800 點", BirthdayPoints = 800,
        },
    ];
}
