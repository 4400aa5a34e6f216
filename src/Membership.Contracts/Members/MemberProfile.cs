namespace Membership.Contracts.Members;

/// <summary>Where the member stands: a LINE friend only, registered through LINE, known offline only, or erased.</summary>
public enum MemberStatus
{
    /// <summary>A LINE friend who has not registered.</summary>
    Friend = 0,
    /// <summary>Registered through LINE (bound to a LINE user).</summary>
    Registered = 1,
    /// <summary>Created at the counter, by import or by the POS; binds to LINE when they register there.</summary>
    Offline = 2,
    /// <summary>Personal data erased on request; financial history kept without identity.</summary>
    Erased = 3,
}

public enum Gender
{
    Unspecified = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}

/// <summary>The full record of one member, for the member page, the API and the data export.</summary>
public sealed record MemberProfile(
    Guid Id,
    string MemberCode,
    MemberStatus Status,
    string? Name,
    string? Mobile,
    string? Email,
    DateOnly? Birthday,
    Gender Gender,
    string? Region,
    string? PreferredStore,
    string? LineUserId,
    string? LineDisplayName,
    string? PictureUrl,
    string? Language,
    FriendStatus FriendStatus,
    DateTimeOffset? FriendSince,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<StaffNote> Notes);

/// <param name="Channel">Where consent was given: <see cref="ConsentChannels"/>.</param>
public sealed record ConsentRecord(int TermsVersion, DateTimeOffset AcceptedAt, string Channel);

/// <param name="Pinned">Shown first, on the member page and beside their chat.</param>
public sealed record StaffNote(Guid Id, DateTimeOffset CreatedAt, string Author, string Text, bool Pinned = false);

public static class ConsentChannels
{
    public const string Line = "line";
    public const string Counter = "counter";
    public const string Import = "import";
    public const string Api = "api";
}

/// <summary>The privacy terms a member agrees to; an Owner publishes new versions.</summary>
public sealed record PrivacyTerms(int Version, string Text, DateTimeOffset PublishedAt);

/// <summary>Raised (through the Members outbox) when someone completes registration; Points grants the welcome gift.</summary>
public sealed record MemberRegistered(Guid MemberId, string MemberCode, string? LineUserId, DateTimeOffset RegisteredAt, bool BoundOfflineMember);

/// <summary>
/// Raised (through the Members outbox) when a member's personal data were erased on request: other modules wipe what
/// they hold about the person (the LINE module: that LINE user's raw webhook payloads). Handlers must be idempotent.
/// </summary>
/// <param name="LineUserId">The LINE user the member was linked to before erasure; null for offline-only members.</param>
public sealed record MemberErased(Guid MemberId, string MemberCode, string? LineUserId, DateTimeOffset ErasedAt);

/// <summary>Taiwan's 22 counties and cities (直轄市、縣、市), with stable codes for storage.</summary>
public static class TaiwanRegions
{
    public sealed record Region(string Code, string ZhName, string EnName);

    public static IReadOnlyList<Region> All { get; } =
    [
        new("TPE", "臺北市", "Taipei City"), new("NWT", "新北市", "New Taipei City"), new("KEE", "基隆市", "Keelung City"),
        new("TAO", "桃園市", "Taoyuan City"), new("HSZ", "新竹市", "Hsinchu City"), new("HSQ", "新竹縣", "Hsinchu County"),
        new("MIA", "苗栗縣", "Miaoli County"), new("TXG", "臺中市", "Taichung City"), new("CHA", "彰化縣", "Changhua County"),
        new("NAN", "南投縣", "Nantou County"), new("YUN", "雲林縣", "Yunlin County"), new("CYI", "嘉義市", "Chiayi City"),
        new("CYQ", "嘉義縣", "Chiayi County"), new("TNN", "臺南市", "Tainan City"), new("KHH", "高雄市", "Kaohsiung City"),
        new("PIF", "屏東縣", "Pingtung County"), new("ILA", "宜蘭縣", "Yilan County"), new("HUA", "花蓮縣", "Hualien County"),
        new("TTT", "臺東縣", "Taitung County"), new("PEN", "澎湖縣", "Penghu County"), new("KIN", "金門縣", "Kinmen County"),
        new("LIE", "連江縣", "Lienchiang County"),
    ];

    public static Region? Find(string? code) => All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));
}
