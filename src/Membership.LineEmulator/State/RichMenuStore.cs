using System.Text.Json.Nodes;

namespace Membership.LineEmulator.State;

/// <summary>Rich menus, their images, the default one and per-user links.</summary>
internal sealed class RichMenuStore
{
    private readonly Dictionary<string, RichMenuEntry> _menus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string? _defaultId;

    public string Create(JsonObject menu)
    {
        var id = "richmenu-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _menus[id] = new RichMenuEntry(id, menu, null, 0);
        }

        return id;
    }

    public RichMenuEntry? Find(string id)
    {
        lock (_gate)
        {
            return _menus.GetValueOrDefault(id);
        }
    }

    public void SetImage(string id, string contentType, int length)
    {
        lock (_gate)
        {
            _menus[id] = _menus[id] with { ImageContentType = contentType, ImageLength = length };
        }
    }

    public void SetDefault(string id)
    {
        lock (_gate)
        {
            _defaultId = id;
        }
    }

    public void Link(string userId, string id)
    {
        lock (_gate)
        {
            _links[userId] = id;
        }
    }

    public object Snapshot()
    {
        lock (_gate)
        {
            return new
            {
                defaultRichMenuId = _defaultId,
                richMenus = _menus.Values.Select(m => new
                {
                    richMenuId = m.Id,
                    menu = m.Menu.DeepClone(),
                    imageContentType = m.ImageContentType,
                    imageLength = m.ImageLength,
                }).ToList(),
                links = new Dictionary<string, string>(_links),
            };
        }
    }
}

internal sealed record RichMenuEntry(string Id, JsonObject Menu, string? ImageContentType, int ImageLength)
{
    public bool HasImage => ImageContentType is not null;
}
