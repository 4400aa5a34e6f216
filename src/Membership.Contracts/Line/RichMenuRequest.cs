namespace Membership.Contracts.Line;

/// <summary>
/// <c>POST /v2/bot/richmenu</c>: size 2500×1686 or 2500×843 (any width 800–2500, height ≥ 250, ratio ≥ 1.45),
/// name ≤ 300, chat bar text ≤ 14, ≤ 20 areas.
/// </summary>
public sealed record RichMenuRequest(
    RichMenuSize Size,
    bool Selected,
    string Name,
    string ChatBarText,
    IReadOnlyList<RichMenuArea> Areas);

public sealed record RichMenuSize(int Width, int Height);

public sealed record RichMenuArea(RichMenuBounds Bounds, LineAction Action);

public sealed record RichMenuBounds(int X, int Y, int Width, int Height);
