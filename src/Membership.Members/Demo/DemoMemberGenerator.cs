using System.Globalization;
using Membership.Contracts.Members;
using Membership.Members.Profiles;

namespace Membership.Members.Demo;

/// <summary>
/// Realistic Taiwanese members, deterministic for a seed and streamed, so a benchmark can make a million:
/// common surnames and given names, unique mobiles and member codes, regions weighted by population,
/// LINE friends (some registered, some blocked) and offline members, joined over the two years before <c>now</c>.
/// </summary>
internal sealed class DemoMemberGenerator(int seed, DateTimeOffset now)
{
    // Strides coprime with their ranges walk every number once: unique without remembering what was used.
    private const long MobileRange = 100_000_000;
    private const long MobileStride = 48_271_693;
    private const long CodeRange = 90_000_000_000;
    private const long CodeStride = 2_147_483_647;

    private static readonly string[] Surnames =
        ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "洪", "郭", "邱", "曾", "廖", "賴", "徐",
         "周", "葉", "蘇", "莊", "呂", "江", "何", "蕭", "羅", "高", "潘", "簡", "朱", "鍾", "游", "彭", "詹", "胡", "施", "沈"];

    private static readonly string[] FemaleNames =
        ["怡君", "雅婷", "淑芬", "美玲", "佳穎", "宜蓁", "欣怡", "詩涵", "思妤", "雅雯", "佩珊", "淑惠", "婉婷", "家瑜", "筱涵",
         "心怡", "郁婷", "宜庭", "品妍", "子晴", "靜宜", "雅琪", "秀英", "玉蘭", "慧君"];

    private static readonly string[] MaleNames =
        ["志明", "家豪", "俊傑", "建宏", "冠宇", "宗翰", "承恩", "柏翰", "彥廷", "冠廷", "俊宏", "志偉", "文雄", "信宏", "宇軒",
         "品睿", "哲瑋", "明輝", "正雄", "國華", "子豪", "建志", "承翰", "育誠", "凱文"];

    private static readonly string[] Nicknames = ["Amy", "Kevin", "Vivian", "Jason", "Irene", "Eric", "Peggy", "Tony", "Cindy", "Allen", "Joyce", "Ken"];

    private static readonly string[] Stores = ["台北信義店", "板橋中山店", "桃園藝文店", "新竹巨城店", "台中公益店", "台南中西店", "高雄夢時代店"];

    // Residents in ten thousands (2024), so the demo's regions look like Taiwan's.
    private static readonly (string Code, double Weight)[] RegionWeights =
    [
        ("NWT", 405), ("TXG", 285), ("KHH", 273), ("TPE", 248), ("TAO", 230), ("TNN", 186), ("CHA", 123), ("PIF", 80),
        ("YUN", 66), ("HSQ", 59), ("MIA", 54), ("CYQ", 49), ("NAN", 48), ("ILA", 45), ("HSZ", 45), ("KEE", 36),
        ("HUA", 32), ("CYI", 26), ("TTT", 21), ("KIN", 14), ("PEN", 11), ("LIE", 1.4),
    ];

    public IEnumerable<DemoMember> Generate(int count)
    {
        var random = new Random(seed);
        var mobileStart = random.NextInt64(MobileRange);
        var codeStart = random.NextInt64(CodeRange);
        var totalWeight = RegionWeights.Sum(r => r.Weight);
        for (var i = 0; i < count; i++)
        {
            var gender = random.NextDouble() < 0.55 ? Gender.Female : random.NextDouble() < 0.97 ? Gender.Male : Gender.Other;
            var name = Surnames[Skewed(random, Surnames.Length)] + (gender == Gender.Male ? MaleNames : FemaleNames)[random.Next(25)];
            var createdAt = now.AddMinutes(-random.Next(2 * 365 * 24 * 60));
            var mobile = "09" + ((mobileStart + (i * MobileStride)) % MobileRange).ToString("D8", CultureInfo.InvariantCulture);
            var code = CodeOf(codeStart, i);
            var roll = random.NextDouble();
            var isFriend = roll < 0.6;
            var registered = isFriend && random.NextDouble() < 0.6;
            var friendStatus = !isFriend ? FriendStatus.NeverFriend : random.NextDouble() < 0.1 ? FriendStatus.Blocked : FriendStatus.Friend;
            var knowsProfile = !isFriend || registered; // a friend who never registered is only a LINE name
            var registeredAt = registered ? Min(createdAt.AddMinutes(random.Next(60 * 24 * 14)), now) : (DateTimeOffset?)null;
            yield return new DemoMember(
                Guid.CreateVersion7(createdAt),
                code,
                registered ? MemberStatus.Registered : isFriend ? MemberStatus.Friend : MemberStatus.Offline,
                knowsProfile ? name : null,
                knowsProfile ? mobile : null,
                knowsProfile && random.NextDouble() < 0.35 ? $"{Latin(random)}{random.Next(10, 9999)}@example.com" : null,
                knowsProfile ? new DateOnly(1950 + random.Next(59), 1 + random.Next(12), 1 + random.Next(28)) : null,
                knowsProfile ? gender : Gender.Unspecified,
                knowsProfile || random.NextDouble() < 0.3 ? Region(random, totalWeight) : null,
                knowsProfile && random.NextDouble() < 0.5 ? Stores[random.Next(Stores.Length)] : null,
                isFriend ? "U" + Convert.ToHexStringLower(RandomBytes(random, 16)) : null,
                isFriend ? DisplayName(random, name) : null,
                friendStatus,
                isFriend ? createdAt : null,
                registeredAt,
                createdAt);
        }
    }

    /// <summary>Unique 12-digit code: 11 digits walked by a coprime stride (no leading zero) and the Luhn digit.</summary>
    private static string CodeOf(long start, long index)
    {
        var body = (10_000_000_000 + ((start + (index * CodeStride)) % CodeRange)).ToString(CultureInfo.InvariantCulture);
        return body + MemberCodes.CheckDigit(body);
    }

    /// <summary>Surnames are far from equally common: earlier ones in the list come up more.</summary>
    private static int Skewed(Random random, int length) => (int)(length * Math.Pow(random.NextDouble(), 1.8));

    private static string Region(Random random, double totalWeight)
    {
        var pick = random.NextDouble() * totalWeight;
        foreach (var (code, weight) in RegionWeights)
        {
            if ((pick -= weight) < 0)
            {
                return code;
            }
        }

        return RegionWeights[0].Code;
    }

    private static string DisplayName(Random random, string name) => random.Next(5) switch
    {
        0 => name,
        1 => name[1..],
        2 => $"{Nicknames[random.Next(Nicknames.Length)]} {name[0]}",
        3 => "小" + name[^1],
        _ => $"{name[1..]}🌸",
    };

    private static string Latin(Random random)
    {
        Span<char> letters = stackalloc char[5 + random.Next(4)];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('a' + random.Next(26));
        }

        return new string(letters);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
