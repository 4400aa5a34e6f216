namespace Membership.Web.Staff;

internal static class StaffSeedingExtensions
{
    public static async Task SeedStaffAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync();
    }
}
