using System.Text.Json;
using Membership.Broadcast.Dispatch;
using Membership.Coupons;
using Membership.Contracts.Broadcast;
using Membership.Line;
using Membership.Members;
using Membership.Points;
using Membership.Segmentation;
using Membership.Tags;
using Membership.Testing;
using Membership.Testing.Fakes;
using Membership.Testing.Line;
using Membership.Testing.Modules;
using Membership.Tiers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Broadcast.Tests;

/// <summary>
/// Broadcast on a test database with the Members, Points, Tiers, Tags and Segmentation tables and views, sending to the
/// real LINE emulator over HTTP with the real client. Members are hand-built rows whose LINE ids are emulator users.
/// The clock starts at Taipei noon on 2026-03-02 and runs in real time from there (LINE client timeouts and retry
/// delays use it too).
/// </summary>
public abstract class BroadcastTestBase(PostgresDatabaseFixture database, EmulatorServer emulator) : IAsyncLifetime
{
    private readonly List<ModuleServices> _instances = [];
    private readonly List<Timer> _clocks = [];

    protected PostgresDatabaseFixture Database => database;

    protected EmulatorServer Emulator => emulator;

    internal ModuleServices Module { get; private set; } = default!;

    internal IBroadcastModule Broadcast => Module.Scoped<IBroadcastModule>();

    public async Task InitializeAsync()
    {
        Module = NewInstance();
        await Module.MigrateAsync();
        await database.ExecuteAsync("""
            TRUNCATE members_members, points_accounts, points_purchases, coupons_definitions, coupons_coupons, tiers_member_tiers, tags_assignments, tags_definitions CASCADE;
            TRUNCATE segmentation_segments, broadcast_campaigns, broadcast_settings, broadcast_testers, broadcast_images CASCADE;
            """);
        await emulator.ClearFaultsAsync();
        (await emulator.Http.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();
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

    /// <summary>Another app instance on the same database (its own dispatcher, client and rate limits).</summary>
    internal ModuleServices NewInstance(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var instance = new ModuleServices(database.ConnectionString, (services, configuration) =>
        {
            var line = new ConfigurationBuilder().AddInMemoryCollection(emulator.AppSettings).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Line:Resilience:AttemptTimeout"] = "00:00:02",
                ["Broadcast:Lease"] = "00:00:05",
                ["Broadcast:MaxRetryDelay"] = "00:00:00.200",
                ["Broadcast:ChunkSize"] = "50",
                ["Broadcast:PublicBaseUrl"] = "https://crm.test.example",
            }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
            var all = new ConfigurationBuilder().AddConfiguration(configuration).AddConfiguration(line).Build();
            services.AddMembersModule(all).AddPointsModule(all).AddTiersModule(all).AddTagsModule(all).AddSegmentationModule(all)
                .AddCouponsModule(all).AddLineClient(all).AddBroadcastModule(all);
        });
        if (_instances.Count > 0)
        {
            instance.Clock.SetUtcNow(Module.Clock.GetUtcNow()); // the instances' clocks agree, as real ones would
        }

        _clocks.Add(new Timer(_ => instance.Clock.Advance(TimeSpan.FromMilliseconds(10)), null, 10, 10));
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A member row; with <paramref name="lineUserId"/> a LINE friend (friend status 1) unless told otherwise.</summary>
    internal async Task<Guid> MemberAsync(string code, string? lineUserId, int friendStatus = 1, string? name = null, DateTimeOffset? optedOutAt = null)
    {
        var id = Guid.CreateVersion7();
        await database.ExecuteAsync("""
            INSERT INTO members_members (id, member_code, status, gender, line_user_id, friend_status, marketing_opted_out_at, created_at, name)
            VALUES (@id, @code, 1, 0, @line, @friend, @opted, now(), @name)
            """,
            new NpgsqlParameter("id", id), new NpgsqlParameter("code", code),
            new NpgsqlParameter("line", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)lineUserId ?? DBNull.Value },
            new NpgsqlParameter("friend", lineUserId is null ? 0 : friendStatus),
            new NpgsqlParameter("opted", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)optedOutAt ?? DBNull.Value },
            new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)name ?? DBNull.Value });
        return id;
    }

    /// <summary><paramref name="count"/> emulator users who follow the account, each a member (codes <c>{prefix}0001…</c>).</summary>
    internal async Task<List<(Guid MemberId, string LineUserId)>> FriendsAsync(int count, string prefix)
    {
        var friends = new List<(Guid, string)>();
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var userId = await emulator.CreateUserAsync($"{prefix}{i}", follow: true);
            var member = await MemberAsync($"{prefix}{i:0000}", userId, name: $"會員{i}");
            lock (friends)
            {
                friends.Add((member, userId));
            }
        });
        return friends;
    }

    internal Task TagAsync(Guid memberId, string tag) => database.TagMemberAsync(memberId, tag);

    internal static JsonElement Text(string text) => JsonSerializer.SerializeToElement(new { type = "text", text });

    internal Task<Guid> CampaignAsync(CampaignAudience audience, decimal holdout = 0, params JsonElement[] messages) =>
        CampaignAsync(audience, holdout, null, messages);

    internal async Task<Guid> CampaignAsync(CampaignAudience audience, decimal holdout, Guid? couponDefinition, params JsonElement[] messages)
    {
        var result = await Broadcast.CreateCampaignAsync(new CreateCampaignRequest(
            "測試活動", audience, messages.Length == 0 ? [Text("週末會員日，全品項 9 折")] : messages, holdout, 7, "marketer@test", couponDefinition));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return result.Id!.Value;
    }

    internal async Task<ScheduleCampaignResult> SendNowAsync(Guid campaignId, bool ignoreQuietHours = false)
    {
        var scheduled = await Broadcast.ScheduleAsync(new ScheduleCampaignRequest(campaignId, null, true, ignoreQuietHours, "marketer@test"));
        return scheduled;
    }

    /// <summary>Runs this instance's dispatcher until no campaign is due.</summary>
    internal static async Task DispatchAsync(ModuleServices instance, CancellationToken ct = default)
    {
        var dispatcher = instance.Get<CampaignDispatcher>();
        while (await dispatcher.RunOnceAsync(ct))
        {
        }
    }
}
