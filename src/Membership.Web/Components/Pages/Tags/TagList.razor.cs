using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Tags;

/// <summary>The tag definitions with their member counts; Owners and Marketers create, edit and archive them, Staff view.</summary>
public sealed partial class TagList
{
    private IReadOnlyList<TagDefinition>? _tags;
    private IReadOnlyDictionary<Guid, int> _counts = new Dictionary<Guid, int>();
    private bool _archived;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _tags = await TagsModule.ListTagsAsync(_archived);
        _counts = await TagsModule.CountMembersByTagAsync();
    }

    private Task ShowArchivedAsync(bool archived)
    {
        _archived = archived;
        return LoadAsync();
    }

    private async Task EditAsync(TagDefinition? tag)
    {
        var by = TagActors.Of((await Authentication).User);
        var dialog = await Dialogs.ShowAsync<TagDialog>(tag is null ? L["Tags.New"] : L["Tags.Edit"],
            new DialogParameters<TagDialog> { { d => d.Tag, tag }, { d => d.By, by } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Tags.Saved"], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ArchiveAsync(TagDefinition tag)
    {
        await TagsModule.SetArchivedAsync(tag.Id, !tag.Archived, TagActors.Of((await Authentication).User));
        await LoadAsync();
    }
}
