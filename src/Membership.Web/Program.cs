using Membership.Automation;
using Membership.Conversations;
using Membership.Broadcast;
using Membership.Coupons;
using Membership.Line;
using Membership.Members;
using Membership.Points;
using Membership.Rewards;
using Membership.Segmentation;
using Membership.Shared.Demo;
using Membership.Shared.Persistence;
using Membership.Stamps;
using Membership.Tags;
using Membership.Tiers;
using Membership.Web.Components;
using Membership.Web.Platform;

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
    .AddSegmentationModule(builder.Configuration)
    .AddBroadcastModule(builder.Configuration)
    .AddAutomationModule(builder.Configuration)
    .AddConversationsModule(builder.Configuration);
builder.Services.AddAdminConsole(builder.Configuration); // pages, Identity, localization, simulator, integration API

var app = builder.Build();

await app.MigrateModulesAsync();
app.UseMembershipPipeline();
await app.MapAdminConsoleAsync();
app.MapMembersModule();
app.MapPointsModule();
app.MapLineModule();
app.MapTiersModule();
app.MapStampsModule();
app.MapRewardsModule();
app.MapCouponsModule();
app.MapTagsModule();
app.MapSegmentationModule();
app.MapBroadcastModule();
app.MapAutomationModule();
app.MapConversationsModule();
await app.RunDemoSeedersAsync();

await app.RunAsync();
