using Membership.Web.Simulator;
using Membership.Web.Simulator.Chat;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Membership.Web.Components.Pages.Simulator;

/// <summary>
/// Acts as LINE users through the emulator and polls its message log every second while open.
/// The loop starts after the first interactive render and stops on dispose; awaits resume on the circuit's context.
/// </summary>
public sealed partial class CustomerSimulator : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private Task? _polling;
    private string? _connectionError;
    private string? _actionError;
    private bool _loaded;
    private bool _busy;

    [Inject]
    private SimulatorSession Session { get; set; } = default!;

    [Inject]
    private SimulatorOptions Options { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ILogger<CustomerSimulator> Logger { get; set; } = default!;

    private string AccountName => Options.AccountName ?? L["Simulator.AccountName"];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !Options.IsEnabled)
        {
            return;
        }

        await RefreshAsync(_stop.Token);
        _loaded = true;
        StateHasChanged();
        _polling = PollAsync(_stop.Token);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (await RefreshAsync(ct))
                    {
                        await InvokeAsync(StateHasChanged);
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // A bug rather than the emulator: keep the page alive and say so.
                    Logger.LogError(ex, "The customer simulator failed to refresh");
                    _connectionError = ex.Message;
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    /// <summary>Refreshes from the emulator; true when the page must render (new data, or the connection state changed).</summary>
    private async Task<bool> RefreshAsync(CancellationToken ct)
    {
        try
        {
            var changed = await Session.RefreshAsync(ct) || _connectionError is not null;
            _connectionError = null;
            return changed;
        }
        catch (Exception ex) when (SimulatorSession.IsEmulatorFailure(ex, ct))
        {
            var error = L["Simulator.Error.Unreachable", ex.Message].Value;
            if (error == _connectionError)
            {
                return false;
            }

            Logger.LogWarning(ex, "The customer simulator cannot read the LINE emulator");
            _connectionError = error;
            return true;
        }
    }

    private Task SelectAsync(string? userId) => RunAsync(() => Session.SelectAsync(userId, _stop.Token));

    private async Task CreateUserAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateSimulatedUserDialog>(L["Simulator.CreateUser"]);
        if (await dialog.Result is { Canceled: false, Data: EmulatorUser user })
        {
            await SelectAsync(user.UserId);
        }
    }

    private Task FollowAsync() => SendAsync(EmulatorEvent.Follow, text: null, label: null);

    private Task BlockAsync() => SendAsync(EmulatorEvent.Unfollow, text: null, label: null);

    private Task SendTextAsync(string text) => SendAsync(EmulatorEvent.Message(text), text, label: null);

    /// <summary>A postback sends its data (its display text, if any, shows as the user's bubble); a message action sends its text.</summary>
    private Task TapAsync(ChatAction action) => action switch
    {
        { Type: ChatAction.PostbackType, Data: { } data } => SendAsync(EmulatorEvent.Postback(data), action.DisplayText, action.Label),
        { Type: ChatAction.MessageType, Text: { Length: > 0 } text } => SendTextAsync(text),
        _ => Task.CompletedTask,
    };

    private Task SendAsync(EmulatorEvent userEvent, string? text, string? label) => RunAsync(async () =>
    {
        var result = await Session.SendAsync(userEvent, text, label, _stop.Token);
        _actionError = result?.WebhookStatus switch
        {
            null when result is not null => L["Simulator.Webhook.NotDelivered"].Value,
            null or (>= 200 and < 300) => null,
            var status => L["Simulator.Webhook.Status", status].Value,
        };
    });

    private async Task RunAsync(Func<Task> action)
    {
        if (_busy)
        {
            return;
        }

        (_busy, _actionError) = (true, null);
        try
        {
            await action();
        }
        catch (Exception ex) when (SimulatorSession.IsEmulatorFailure(ex, _stop.Token))
        {
            _actionError = L["Simulator.Error.Action", ex.Message];
        }
        finally
        {
            _busy = false;
        }
    }

    private void DismissError() => (_actionError, _connectionError) = (null, null);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_polling is not null)
        {
            await _polling;
        }

        _stop.Dispose();
    }
}
