using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Automation.Journeys;
using Membership.Broadcast;
using Membership.Conversations;
using Membership.Contracts.Automation;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Coupons;
using Membership.Line;
using Membership.Members;
using Membership.Points;
using Membership.Segmentation;
using Membership.Tags;
using Membership.Testing;
using Membership.Testing.Fakes;
using Membership.Testing.Line;
using Membership.Tiers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Automation.Tests;

/// <summary>
/// Automation with the real Members, Points, Tiers, Tags, Segmentation, Coupons and Broadcast modules on a test database,
/// sending to the LINE emulator over HTTP with the real client. The clock starts at Taipei noon on 2026-03-02 and ticks
/// in real time from there (the LINE client's timeouts use it); tests jump it forward to end waits.
/// </summary>
public abstract class AutomationTestBase(PostgresDatabaseFixture database, EmulatorServer emulator) : IAsyncLifetime
{
    private readonly List<ModuleServices> _instances = [];
    private readonly List<Timer> _clocks = [];

    protected PostgresDatabaseFixture Database => database;

    protected EmulatorServer Emulator => emulator;

    internal ModuleServices Module { get; private set; } = default!;

    internal IAutomationModule Automation => Module.Scoped<IAutomationModule>();

    public async Task InitializeAsync()
    {
        Module = NewInstance();
        await Module.MigrateAsync();
        await database.ExecuteAsync("""
            TRUNCATE members_members, points_accounts, points_purchases, coupons_definitions, coupons_coupons, tiers_member_tiers, tags_assignments, tags_definitions CASCADE;
            TRUNCATE segmentation_segments, broadcast_campaigns, broadcast_settings, broadcast_direct_sends CASCADE;
            TRUNCATE automation_auto_replies, automation_reply_log, automation_settings, automation_journeys, automation_notifications CASCADE;
            """);
        await emulator.ClearFaultsAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var clock in _clocks)
        {
            await clock.DisposeAsync();
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>Another app instance on the same database (a restart, or a second server): its own processor and clock, set to agree.</summary>
    internal ModuleServices NewInstance()
    {
        var instance = new ModuleServices(database.ConnectionString, (services, configuration) =>
        {
            var settings = new ConfigurationBuilder().AddInMemoryCollection(emulator.AppSettings).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Line:Resilience:AttemptTimeout"] = "00:00:02",
                ["Broadcast:DispatcherEnabled"] = "false",
                ["Broadcast:MaxRetryDelay"] = "00:00:00.200",
                ["Broadcast:PublicBaseUrl"] = "https://crm.test.example",
                ["Members:PublicBaseUrl"] = "https://crm.test.example",
                ["Automation:ProcessorEnabled"] = "false",
            }).Build();
            var all = new ConfigurationBuilder().AddConfiguration(configuration).AddConfiguration(settings).Build();
            services.AddMembersModule(all).AddPointsModule(all).AddTiersModule(all).AddTagsModule(all).AddSegmentationModule(all)
                .AddCouponsModule(all).AddLineClient(all).AddBroadcastModule(all).AddAutomationModule(all).AddConversationsModule(all);
        });
        if (_instances.Count > 0)
        {
            instance.Clock.SetUtcNow(Module.Clock.GetUtcNow());
        }

        _clocks.Add(new Timer(_ => instance.Clock.Advance(TimeSpan.FromMilliseconds(10)), null, 10, 10));
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Moves every instance's clock forward (a wait passing).</summary>
    internal void Advance(TimeSpan by)
    {
        foreach (var instance in _instances)
        {
            instance.Clock.Advance(by);
        }
    }

    /// <summary>An emulator user who follows the account and is a member (a LINE friend), registered when <paramref name="mobile"/> is given.</summary>
    internal async Task<(Guid MemberId, string LineUserId)> FriendAsync(string name, string? mobile = null)
    {
        var userId = await emulator.CreateUserAsync(name);
        var members = Module.Scoped<IMembersModule>();
        var member = await members.RecordLineFollowAsync(new LineFollow(userId, Module.Clock.GetUtcNow(), Guid.NewGuid().ToString(), false, name, null, "zh-TW"));
        if (mobile is not null)
        {
            var terms = await Module.Scoped<IPrivacyTermsCatalog>().GetCurrentAsync();
            var registered = await Module.Scoped<IMemberRegistration>().RegisterAsync(
                new RegisterMemberRequest(userId, name, mobile, "1990-05-01", "Female", "TPE", null, terms.Version));
            Assert.NotNull(registered.Member);
        }

        return (member.Id, userId);
    }

    internal async Task<PurchaseRecorded> PurchaseAsync(Guid memberId, decimal total = 500)
    {
        var result = await Module.Scoped<IPointsModule>().RecordPurchaseAsync(new RecordPurchaseRequest(
            Guid.NewGuid().ToString(), new MemberReference(MemberId: memberId), "S001", $"R{Guid.NewGuid():N}"[..12], total,
            Module.Clock.GetUtcNow(), "pos", [new PurchaseLine("SKU1", "飲品", 1, total)]));
        Assert.Equal(PurchaseOutcome.Recorded, result.Outcome);
        return new PurchaseRecorded(result.PurchaseId!.Value, memberId, "S001", "R", total, Module.Clock.GetUtcNow(), "pos", [], result.PointsEarned, false);
    }

    internal static JsonElement Text(string text) => JsonSerializer.SerializeToElement(new { type = "text", text });

    internal async Task<Guid> JourneyAsync(JourneyTrigger trigger, JourneyExitRules? exit = null, decimal holdout = 0, int reentryDays = 0, params JourneyStep[] steps)
    {
        var saved = await Automation.SaveJourneyAsync(new SaveJourneyRequest(null, "測試旅程", null, trigger, steps, exit ?? new JourneyExitRules(), reentryDays, holdout, "marketer@test"));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Path}: {e.Message}")));
        var activated = await Automation.ActivateJourneyAsync(saved.Id!.Value, "marketer@test");
        Assert.Equal(JourneyStatusChange.Changed, activated.Change);
        return saved.Id.Value;
    }

    /// <summary>Runs this instance's journey processor until nothing is due.</summary>
    internal static Task<int> ProcessAsync(ModuleServices instance) => instance.Get<JourneyProcessor>().RunUntilIdleAsync(CancellationToken.None);

    /// <summary>The texts LINE delivered to the user, oldest first, with the endpoint (push, reply).</summary>
    internal async Task<List<(string Endpoint, string? Text)>> DeliveredAsync(string lineUserId) =>
        (await emulator.MessagesAsync(lineUserId)).Select(m => ((string)m!["endpoint"]!, (string?)m["message"]?["text"])).ToList();

    /// <summary>Delivers an integration event to every handler of this instance, as the outbox would (at least once).</summary>
    internal async Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class
    {
        using var scope = Module.Services.CreateScope();
        foreach (var handler in scope.ServiceProvider.GetServices<Contracts.Common.IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync(integrationEvent, Guid.NewGuid(), CancellationToken.None);
        }
    }

    internal static JsonNode? Message(JsonNode delivered) => delivered["message"];
}
