using Membership.Web.Barcodes;

namespace Membership.Web.Tests.Members;

public sealed class Code128Tests
{
    [Fact]
    public void Twelve_digits_are_encoded_in_code_set_c_as_pairs_with_the_modulo_103_check_symbol()
    {
        // 105 + 12·1 + 34·2 + 56·3 + 78·4 + 90·5 + 12·6 = 1187; 1187 mod 103 = 54
        Assert.Equal([105, 12, 34, 56, 78, 90, 12, 54, 106], Code128.Encode("123456789012"));
    }

    [Fact]
    public void Text_is_encoded_in_code_set_b_with_its_check_symbol()
    {
        // 104 + 33·1 + 34·2 = 205; 205 mod 103 = 102
        Assert.Equal([104, 33, 34, 102, 106], Code128.Encode("AB"));
        Assert.Equal(Code128.StartB, Code128.Encode("12345")[0]); // odd digit count
    }

    [Fact]
    public void Every_symbol_is_eleven_modules_wide_and_the_stop_thirteen()
    {
        Assert.Equal(107, Code128.Patterns.Length);
        Assert.Equal(107, Code128.Patterns.Distinct().Count());
        Assert.All(Code128.Patterns[..106], p => Assert.Equal(11, p.Sum(c => c - '0')));
        Assert.Equal(13, Code128.Patterns[106].Sum(c => c - '0'));
        Assert.Equal("211232", Code128.Patterns[Code128.StartC]);
    }

    [Fact]
    public void The_svg_draws_one_bar_per_odd_element_with_quiet_zones()
    {
        var svg = Code128.Svg("123456789012", moduleWidth: 1);

        var widths = Code128.Widths("123456789012");
        Assert.Equal((9 * 6) + 1, widths.Length);
        var modules = widths.Sum(c => c - '0');
        Assert.Equal((8 * 11) + 13, modules);
        Assert.Contains($"viewBox=\"0 0 {modules + 20} 64\"", svg, StringComparison.Ordinal);
        Assert.Equal(1 + ((widths.Length + 1) / 2), svg.Split("<rect").Length - 1); // background + bars
        Assert.Contains("<rect x=\"10\" width=\"2\"", svg, StringComparison.Ordinal); // start C begins with a 2-module bar after the quiet zone
    }

    [Fact]
    public void The_qr_code_is_an_inline_svg_that_depends_on_the_member_code()
    {
        var first = MemberCardCodes.QrSvg("123456789012");
        var second = MemberCardCodes.QrSvg("223456789012");

        Assert.StartsWith("<svg", first.TrimStart().Replace("<?xml", "<svg", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal("1234 5678 9012", MemberCardCodes.Grouped("123456789012"));
    }
}
