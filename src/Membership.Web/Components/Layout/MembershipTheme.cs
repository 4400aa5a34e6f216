using MudBlazor;

namespace Membership.Web.Components.Layout;

internal static class MembershipTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#06C755", // LINE green: the brand's customers know it
            Secondary = "#1F2937",
            AppbarBackground = "#06A046",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
