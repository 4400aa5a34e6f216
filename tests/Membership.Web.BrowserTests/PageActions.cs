using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

internal static class PageActions
{
    /// <summary>The input or textarea of a MudBlazor field, whether the test id lands on it or on its wrapper.</summary>
    public static ILocator Field(this IPage page, string testId) => page.Locator(
        $"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>Opens the MudSelect with this test id and picks the option showing <paramref name="text"/>.</summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string text)
    {
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text });
        await page.ClickUntilAsync(select.Locator(".mud-select").First.Or(select).First, option);
        await option.First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// On a console page (the MudBlazor layout), waits until the page runs on its circuit (the layout's
    /// <c>data-circuit="ready"</c> marker): clicks and keys sent before that are lost.
    /// </summary>
    public static async Task WaitForCircuitAsync(this IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (await page.Locator(".mud-layout").CountAsync() > 0)
        {
            await page.Locator("[data-circuit=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
    }

    /// <summary>
    /// Clicks until the expected element shows. Once the circuit runs a click is not lost, so each retry waits longer for
    /// what the last click started: a busy machine must not get the same dialog opened twice.
    /// </summary>
    public static async Task ClickUntilAsync(this IPage page, ILocator target, ILocator appears)
    {
        await page.WaitForCircuitAsync();
        for (var attempt = 0; attempt < 6 && await appears.CountAsync() == 0; attempt++)
        {
            try
            {
                await target.ClickAsync(new() { Timeout = 5_000 });
                await appears.First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 5_000 * (attempt + 1) });
            }
            catch (TimeoutException)
            {
                await page.WaitForTimeoutAsync(250); // not attached yet, or covered by what the last click opened
            }
        }

        await Expect(appears.First).ToBeVisibleAsync();
    }

    /// <summary>Presses Escape until <paramref name="open"/> (an open menu's options) is gone; a busy circuit may miss the first.</summary>
    public static async Task CloseMenusAsync(this IPage page, ILocator open)
    {
        for (var attempt = 0; attempt < 10 && await open.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForTimeoutAsync(300);
        }

        await Expect(open).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Input typed before the Blazor circuit is attached never reaches the server: act (type) again until what it
    /// brings about (an enabled button, a result) shows.
    /// </summary>
    public static async Task RetryUntilAsync(this IPage page, Func<Task> act, ILocator appears)
    {
        await page.WaitForCircuitAsync();
        for (var attempt = 0; attempt < 10 && await appears.CountAsync() == 0; attempt++)
        {
            try
            {
                await act();
            }
            catch (TimeoutException) when (attempt > 0)
            {
                // The previous attempt worked but what it brings about was slow: what this one acts on is gone now.
                continue;
            }

            try
            {
                await appears.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                await page.WaitForTimeoutAsync(250);
            }
        }

        await Expect(appears.First).ToBeVisibleAsync();
    }

    /// <summary>Signs in; on a machine busy enough to lose the first submit, submits again (signing in twice is harmless).</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        for (var attempt = 1; ; attempt++)
        {
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", password);
            await page.GetByTestId("sign-in").ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 20_000, WaitUntil = WaitUntilState.Commit });
                return; // the next page's load is waited for by what the caller expects on it
            }
            catch (TimeoutException) when (attempt < 3 && page.Url.Contains("/account/login", StringComparison.Ordinal))
            {
            }
        }
    }
}
