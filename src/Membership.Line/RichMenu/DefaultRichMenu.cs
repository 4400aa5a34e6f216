using Membership.Contracts.Audit;
using Membership.Contracts.Line;
using Membership.Line.Greeting;

namespace Membership.Line.RichMenu;

internal sealed class DefaultRichMenu(ILineMessagingClient line, LineChannelSettings settings, IAuditTrail audit) : IDefaultRichMenu
{
    public const int Width = 2500;
    public const int Height = 843;

    private static readonly (string Label, string Data)[] Buttons =
    [
        ("會員卡", RichMenuPostbacks.Card),
        ("註冊會員", RichMenuPostbacks.Register),
        ("我的點數", RichMenuPostbacks.Points),
        ("最新消息", RichMenuPostbacks.News),
    ];

    public Task<string?> GetCurrentIdAsync(CancellationToken ct = default) => settings.GetAsync(LineChannelSettings.RichMenuKey, ct);

    public async Task<string> CreateAsync(CancellationToken ct = default)
    {
        var areaWidth = Width / Buttons.Length;
        var areas = Buttons.Select((b, i) => new RichMenuArea(
                new RichMenuBounds(i * areaWidth, 0, i == Buttons.Length - 1 ? Width - (i * areaWidth) : areaWidth, Height),
                new PostbackAction(b.Data) { Label = b.Label, DisplayText = b.Label }))
            .ToList();
        var request = new RichMenuRequest(new RichMenuSize(Width, Height), Selected: true, "Membership default", "會員選單", areas);

        var id = await line.CreateRichMenuAsync(request, ct);
        await line.UploadRichMenuImageAsync(id, RichMenuImage.Render(Width, Height, Buttons.Length), "image/png", ct);
        await line.SetDefaultRichMenuAsync(id, ct);
        await settings.SetAsync(LineChannelSettings.RichMenuKey, id, ct);
        await audit.RecordAsync(new AuditRecord("line.rich-menu-created", "line-channel", id, "default rich menu, 4 areas"), ct);
        return id;
    }
}
