using QRCoder;

namespace Membership.Web.Barcodes;

/// <summary>The member card's codes as inline SVG, and the code printed in groups of four for reading aloud.</summary>
internal static class MemberCardCodes
{
    public static string QrSvg(string memberCode)
    {
        using var data = QRCodeGenerator.GenerateQrCode(memberCode, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(new System.Drawing.Size(240, 240), drawQuietZones: true);
    }

    public static string BarcodeSvg(string memberCode) => Code128.Svg(memberCode);

    /// <summary><c>123456789012</c> → <c>1234 5678 9012</c>.</summary>
    public static string Grouped(string memberCode) =>
        string.Join(' ', memberCode.Chunk(4).Select(c => new string(c)));
}
