namespace Membership.Web.Loyalty;

internal static class DemoLoyaltyExtensions
{
    /// <summary>
    /// Demo mode with demo members (<c>Demo:Members</c> &gt; 0, as <c>./run.sh</c> has it; the tests have none): rewards, coupons,
    /// a stamp card and purchase history, once.
    /// </summary>
    public static async Task SeedDemoLoyaltyAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Demo:Enabled", false) || app.Configuration.GetValue("Demo:Members", 0) <= 0)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DemoLoyaltySeeder>(scope.ServiceProvider).SeedAsync();
    }
}
