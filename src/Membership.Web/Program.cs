using Membership.Coupons;
using Membership.Line;
using Membership.Members;
using Membership.Points;
using Membership.Rewards;
using Membership.Segmentation;
using Membership.Shared.Persistence;
using Membership.Stamps;
using Membership.Tags;
using Membership.Tiers;
using Membership.Web.Components;
using Membership.Web.Components.Pages.Coupons;
using Membership.Web.Components.Pages.Rewards;
using Membership.Web.Components.Pages.Stamps;
using Membership.Web.Integration;
using Membership.Web.Loyalty;
using Membership.Web.Members;
using Membership.Web.Platform;
using Membership.Web.Points;
using Membership.Web.Simulator;
using Membership.Web.Privacy;
using Membership.Web.Staff;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
// ./run.sh and the tests serve from the build output in any environment; a no-op in a publish folder.
builder.WebHost.UseStaticWebAssets();

builder.AddMembershipPlatform();
builder.Services
    .AddMembersModule(builder.Configuration)
    .AddPointsModule(builder.Configuration)
    .AddLineModule(builder.Configuration)
    .AddTiersModule(builder.Configuration)
    .AddStampsModule(builder.Configuration)
    .AddRewardsModule(builder.Configuration)
    .AddCouponsModule(builder.Configuration)
    .AddTagsModule(builder.Configuration)
    .AddSegmentationModule(builder.Configuration);
builder.Services.AddAdminConsole(builder.Configuration);
builder.Services.AddCustomerSimulator(builder.Configuration);
builder.Services.AddIntegrationApi();
builder.Services.AddMemberPages();
builder.Services.AddPointsPages()
    .AddCounterPanel<CounterStampsPanel>(order: 10)
    .AddCounterPanel<CounterCouponsPanel>(order: 20)
    .AddCounterPanel<CounterRewardsPanel>(order: 30);

var app = builder.Build();

await app.MigrateModulesAsync();
await app.SeedStaffAsync();
app.ScheduleRewardsJobs();
app.ScheduleCouponsJobs();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// Friendly 404 pages for people browsing; API and form posts keep their own status and body.
app.UseWhen(
    http => HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseSerilogRequestLogging();
app.MapHealthEndpoints();
app.MapAdminConsole();
app.MapLineEndpoints();
app.MapMembersEndpoints();
app.MapPointsEndpoints();
app.SchedulePointsJobs();
app.MapIntegrationApiDocs();
app.MapMemberPrivacyEndpoints();
await app.MapMemberPagesAsync();
await app.SeedDemoLoyaltyAsync();
app.ScheduleTiersJobs();
app.MapTagsModule();
app.MapSegmentationModule();

await app.RunAsync();
