using System.Globalization;
using System.Net.Mail;
using Membership.Contracts.Members;
using Membership.Members.Profiles;
using Membership.Shared.Csv;

namespace Membership.Members.CsvImport;

/// <summary>A valid row, normalised: the mobile as <c>09xxxxxxxx</c>, the region as its code.</summary>
internal sealed record MemberCsvRow(int Line, string Mobile, string? Name, string? Email, DateOnly? Birthday, Gender Gender, string? Region, string? Store);

/// <summary>Checks the rows of one file in order; remembers mobiles so a repeated one is reported with its first line.</summary>
internal sealed class MemberCsvValidator(MemberCsvColumns columns, DateOnly today)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d"];
    private readonly Dictionary<string, int> _firstLineOfMobile = new(StringComparer.Ordinal);

    /// <returns>The row, or null with the reasons it is bad.</returns>
    public (MemberCsvRow? Row, List<string>? Reasons) Check(CsvRecord record)
    {
        var reasons = new List<string>();
        var rawMobile = Field(record, columns.Mobile);
        var mobile = TaiwanMobile.Normalize(rawMobile);
        if (rawMobile is null)
        {
            reasons.Add(MemberImportReasons.MobileMissing);
        }
        else if (mobile is null)
        {
            reasons.Add(MemberImportReasons.MobileInvalid);
        }
        else if (!_firstLineOfMobile.TryAdd(mobile, record.Line))
        {
            reasons.Add(MemberImportReasons.MobileDuplicateInFile);
        }

        var name = Field(record, columns.Name);
        if (name is { Length: > 100 })
        {
            reasons.Add(MemberImportReasons.NameTooLong);
        }

        var email = Field(record, columns.Email);
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out _)))
        {
            reasons.Add(MemberImportReasons.EmailInvalid);
        }

        DateOnly? birthday = null;
        if (Field(record, columns.Birthday) is { } birthdayText)
        {
            if (DateOnly.TryParseExact(birthdayText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date.Year >= 1900 && date <= today)
            {
                birthday = date;
            }
            else
            {
                reasons.Add(MemberImportReasons.BirthdayInvalid);
            }
        }

        var gender = ParseGender(Field(record, columns.Gender));
        if (gender is null)
        {
            reasons.Add(MemberImportReasons.GenderUnknown);
        }

        string? region = null;
        if (Field(record, columns.Region) is { } regionText)
        {
            region = FindRegion(regionText);
            if (region is null)
            {
                reasons.Add(MemberImportReasons.RegionUnknown);
            }
        }

        var store = Field(record, columns.Store);
        if (store is { Length: > 50 })
        {
            reasons.Add(MemberImportReasons.StoreTooLong);
        }

        return reasons.Count > 0
            ? (null, reasons)
            : (new MemberCsvRow(record.Line, mobile!, name, email, birthday, gender!.Value, region, store), null);
    }

    /// <summary>男/女/其他, M/F/O, male/female/other; empty means unspecified; null when unknown.</summary>
    internal static Gender? ParseGender(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => Gender.Unspecified,
        "男" or "M" or "MALE" => Gender.Male,
        "女" or "F" or "FEMALE" => Gender.Female,
        "其他" or "O" or "OTHER" => Gender.Other,
        _ => null,
    };

    /// <summary>A code (TPE), a Chinese name (臺北市, also written 台北市) or an English name.</summary>
    internal static string? FindRegion(string text)
    {
        var value = text.Trim().Replace('台', '臺');
        return TaiwanRegions.All.FirstOrDefault(r =>
            string.Equals(r.Code, value, StringComparison.OrdinalIgnoreCase) || r.ZhName == value ||
            string.Equals(r.EnName, value, StringComparison.OrdinalIgnoreCase))?.Code;
    }

    private static string? Field(CsvRecord record, int column) =>
        column >= 0 && column < record.Fields.Count && !string.IsNullOrWhiteSpace(record.Fields[column]) ? record.Fields[column].Trim() : null;
}
