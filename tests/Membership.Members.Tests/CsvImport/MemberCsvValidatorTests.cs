using Membership.Contracts.Members;
using Membership.Members.CsvImport;
using Membership.Shared.Csv;

namespace Membership.Members.Tests.CsvImport;

public sealed class MemberCsvValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static MemberCsvValidator Validator(params string[] header) =>
        new(MemberCsvColumns.FromHeader(header)!, Today);

    [Fact]
    public void Chinese_headers_and_values_become_a_normalised_row()
    {
        var validator = Validator("姓名", "手機", "email", "生日", "性別", "地區", "門市");

        var (row, reasons) = validator.Check(new CsvRecord(2, ["王小明", "0912-345-678", "ming@example.com", "1990/05/01", "男", "台北市", "信義店"]));

        Assert.Null(reasons);
        Assert.Equal(new MemberCsvRow(2, "0912345678", "王小明", "ming@example.com", new DateOnly(1990, 5, 1), Gender.Male, "TPE", "信義店"), row);
    }

    [Fact]
    public void English_headers_in_another_order_with_codes_work_too()
    {
        var validator = Validator("Mobile", "Region", "Gender", "Birthday", "Name");

        var (row, _) = validator.Check(new CsvRecord(2, ["+886 912 000 111", "khh", "F", "2001-12-31", "Amy"]));

        Assert.Equal(new MemberCsvRow(2, "0912000111", "Amy", null, new DateOnly(2001, 12, 31), Gender.Female, "KHH", null), row);
    }

    [Fact]
    public void Every_bad_field_of_a_row_is_named()
    {
        var validator = Validator("姓名", "手機", "email", "生日", "性別", "地區");

        var (row, reasons) = validator.Check(new CsvRecord(7, ["王", "12345", "not-mail", "1990-13-01", "X", "火星"]));

        Assert.Null(row);
        Assert.Equal([MemberImportReasons.MobileInvalid, MemberImportReasons.EmailInvalid, MemberImportReasons.BirthdayInvalid,
            MemberImportReasons.GenderUnknown, MemberImportReasons.RegionUnknown], reasons);
    }

    [Fact]
    public void A_mobile_repeated_in_the_file_is_bad_from_its_second_line_on()
    {
        var validator = Validator("手機");

        var first = validator.Check(new CsvRecord(2, ["0912345678"]));
        var again = validator.Check(new CsvRecord(3, ["0912-345-678"]));

        Assert.NotNull(first.Row);
        Assert.Equal([MemberImportReasons.MobileDuplicateInFile], again.Reasons);
    }

    [Fact]
    public void A_missing_mobile_or_a_future_birthday_is_bad()
    {
        var validator = Validator("手機", "生日");

        Assert.Equal([MemberImportReasons.MobileMissing], validator.Check(new CsvRecord(2, ["", ""])).Reasons);
        Assert.Equal([MemberImportReasons.BirthdayInvalid], validator.Check(new CsvRecord(3, ["0912000222", "2027-01-01"])).Reasons);
    }

    [Fact]
    public void A_header_without_a_mobile_column_is_refused()
    {
        Assert.Null(MemberCsvColumns.FromHeader(["姓名", "email"]));
    }

    [Theory]
    [InlineData("女", Gender.Female)]
    [InlineData("m", Gender.Male)]
    [InlineData("其他", Gender.Other)]
    [InlineData("", Gender.Unspecified)]
    public void Genders_are_read_in_chinese_and_english(string text, Gender expected)
    {
        Assert.Equal(expected, MemberCsvValidator.ParseGender(text));
    }
}
