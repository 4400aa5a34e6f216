using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace Membership.Web.Components.Pages.Broadcast;

public sealed partial class MessagesEditor
{
    /// <summary>The personal fields of a campaign; one-member messages (auto-replies, journeys) also have the member's links.</summary>
    public static readonly string[] CampaignFields = ["name", "points", "tier", "expiring_points", "coupon_code"];

    public static readonly string[] OneMemberFields = ["name", "points", "tier", "expiring_points", "register_url", "card_url"];

    private string? _uploadError;

    [Parameter, EditorRequired]
    public List<MessageDraft> Messages { get; set; } = [];

    /// <summary>Raised after every edit (text, added or removed message).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Parameter]
    public IReadOnlyList<string> Fields { get; set; } = CampaignFields;

    /// <summary>Prefix of the <c>data-testid</c>s (<c>{TestId}-message-0</c>).</summary>
    [Parameter]
    public string TestId { get; set; } = "campaign";

    [Inject]
    private IBroadcastModule Broadcast { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    private Task BodyChangedAsync(MessageDraft draft, string? body)
    {
        draft.Body = body ?? "";
        return Changed.InvokeAsync();
    }

    private Task InsertFieldAsync(MessageDraft draft, string field)
    {
        draft.Body += field == "name" ? "{{ name | default: \"親愛的會員\" }}" : $"{{{{ {field} }}}}";
        return Changed.InvokeAsync();
    }

    private Task AddTextAsync()
    {
        Messages.Add(MessageDraft.Text(""));
        return Changed.InvokeAsync();
    }

    private Task AddTemplateAsync(string template)
    {
        Messages.Add(MessageDraft.Json(CampaignTemplates.Json(template)));
        return Changed.InvokeAsync();
    }

    private Task RemoveAsync(MessageDraft draft)
    {
        Messages.Remove(draft);
        return Changed.InvokeAsync();
    }

    /// <summary>Stores the image (JPEG or PNG, at most 1 MB) and adds an image message that points at the app's copy.</summary>
    private async Task UploadImageAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        var user = (await Authentication).User;
        ImageUploadResult result;
        try
        {
            await using var stream = file.OpenReadStream(Membership.Broadcast.BroadcastModuleExtensions.MaxImageBytes + 1);
            result = await Broadcast.UploadImageAsync(stream, user.StaffName());
        }
        catch (IOException)
        {
            result = new ImageUploadResult(null, L["Campaign.ImageTooLarge"]);
        }

        if (result.Image is { } image)
        {
            Messages.Add(MessageDraft.Json(JsonSerializer.Serialize(
                new { type = "image", originalContentUrl = image.Url, previewImageUrl = image.Url }, CampaignTemplates.Indented)));
            _uploadError = null;
            await Changed.InvokeAsync();
        }
        else
        {
            _uploadError = result.Error ?? "";
        }
    }
}
