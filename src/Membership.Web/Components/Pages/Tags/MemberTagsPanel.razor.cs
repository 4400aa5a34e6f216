using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Tags;

public sealed partial class MemberTagsPanel
{
    private IReadOnlyList<MemberTag> _current = [];
    private IReadOnlyList<TagAssignment> _history = [];
    private TagDefinition? _pick;
    private bool _busy;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Parameter]
    public Guid MemberId { get; set; }

    /// <summary>Raised after a tag was added or removed (the member page reloads its timeline).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _current = await TagsModule.GetMemberTagsAsync(MemberId);
        _history = await TagsModule.GetMemberTagHistoryAsync(MemberId);
    }

    /// <summary>Non-archived tags the member does not carry yet, matching what was typed.</summary>
    private async Task<IEnumerable<TagDefinition>> SearchAsync(string? text, CancellationToken ct)
    {
        var tags = await TagsModule.ListTagsAsync(false, ct);
        var carried = _current.Select(t => t.TagId).ToHashSet();
        return tags.Where(t => !t.Archived && !carried.Contains(t.Id)
                               && (string.IsNullOrWhiteSpace(text) || t.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)))
            .Take(20);
    }

    private async Task AddAsync()
    {
        _busy = true;
        try
        {
            var result = await TagsModule.TagMemberAsync(new TagMemberRequest(MemberId, _pick!.Id, TagActors.Of((await Authentication).User)));
            if (result.Outcome is not (TagMemberOutcome.Added or TagMemberOutcome.AlreadyTagged))
            {
                Snackbar.Add(L[$"Tags.Panel.Outcome.{result.Outcome}"], Severity.Error);
            }

            _pick = null;
            await LoadAsync();
            await Changed.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RemoveAsync(MemberTag tag)
    {
        await TagsModule.UntagMemberAsync(new UntagMemberRequest(MemberId, tag.TagId, TagActors.Of((await Authentication).User)));
        await LoadAsync();
        await Changed.InvokeAsync();
    }
}
