using System.Globalization;
using Membership.Shared.Time;
using Membership.Web.Simulator;
using Membership.Web.Simulator.Chat;
using Microsoft.AspNetCore.Components;

namespace Membership.Web.Components.Pages.Simulator;

public sealed partial class PhoneChat
{
    private string _draft = "";

    [Parameter, EditorRequired]
    public string AccountName { get; set; } = "";

    /// <summary>Both sides of the conversation, oldest first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ConversationEntry> Entries { get; set; } = [];

    [Parameter]
    public IReadOnlyList<ChatAction> QuickReplies { get; set; } = [];

    /// <summary>False while the user blocks the account: LINE lets a blocked chat send nothing.</summary>
    [Parameter]
    public bool CanSend { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The user sends a text message.</summary>
    [Parameter]
    public EventCallback<string> OnSend { get; set; }

    /// <summary>The user taps a postback or message action (buttons, flex, quick reply).</summary>
    [Parameter]
    public EventCallback<ChatAction> OnAction { get; set; }

    private string Initial => AccountName.Length > 0 ? AccountName[..1] : "?";

    private static string Clock(DateTimeOffset at) => TaipeiTime.ToTaipei(at).ToString("HH:mm", CultureInfo.InvariantCulture);

    private bool IsNewDay(int index) =>
        index == 0 || TaipeiTime.ToTaipei(Entries[index].At).Date != TaipeiTime.ToTaipei(Entries[index - 1].At).Date;

    private string Note(SentEvent sent) => sent.Type switch
    {
        EmulatorEventTypes.Follow => L["Simulator.Event.Follow"],
        EmulatorEventTypes.Unfollow => L["Simulator.Event.Unfollow"],
        _ => L["Simulator.Event.Postback", sent.Label ?? ""],
    };

    private async Task SubmitAsync()
    {
        var text = _draft.Trim();
        if (text.Length == 0 || !CanSend || Busy)
        {
            return;
        }

        _draft = "";
        await OnSend.InvokeAsync(text);
    }
}
