using Membership.Contracts.Segmentation;
using Membership.Members;
using Membership.Points;
using Membership.Tags;
using Membership.Testing;
using Membership.Testing.Fakes;
using Membership.Testing.Modules;
using Membership.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Segmentation.Tests;

/// <summary>
/// Segmentation on a test database that also has the Members, Points, Tiers and Tags tables and views (their own
/// migrations). Members and purchases are written as hand-built rows, so every expected score is known.
/// The clock is Taipei noon on 2026-03-02: that is the as-of date.
/// </summary>
public abstract class SegmentationTestBase(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    internal static readonly DateOnly AsOf = new(2026, 3, 2);

    internal ModuleServices Module { get; } = new(database.ConnectionString, (services, configuration) => services
        .AddMembersModule(configuration).AddPointsModule(configuration).AddTiersModule(configuration)
        .AddTagsModule(configuration).AddSegmentationModule(configuration)
        .AddSingleton<Hangfire.IBackgroundJobClient, Scoring.RecordedJobs>());

    internal ISegmentationModule Segmentation => Module.Scoped<ISegmentationModule>();

    public async Task InitializeAsync()
    {
        await Module.MigrateAsync();
        // One class fixture per class, but each test starts from empty tables.
        await ExecuteAsync("""
            TRUNCATE members_members, points_purchases, points_accounts, tiers_member_tiers, tags_assignments, tags_definitions CASCADE;
            TRUNCATE segmentation_member_scores, segmentation_transitions, segmentation_runs, segmentation_nes_snapshots,
                     segmentation_segments, segmentation_settings, segmentation_outbox_messages;
            """);
    }

    public async Task DisposeAsync() => await Module.DisposeAsync();

    internal async Task<Guid> MemberAsync(
        string code, int gender = 0, DateOnly? birthday = null, string? region = null, string? lineUserId = null, int friendStatus = 0,
        DateTimeOffset? registeredAt = null, DateTimeOffset? optedOutAt = null)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("""
            INSERT INTO members_members (id, member_code, status, gender, birthday, region, line_user_id, friend_status, registered_at,
                                         marketing_opted_out_at, created_at, name)
            VALUES (@id, @code, 1, @gender, @birthday, @region, @line, @friend, @registered, @opted, now(), @code)
            """,
            P("id", id), P("code", code), P("gender", gender), P("birthday", (object?)birthday ?? DBNull.Value, NpgsqlTypes.NpgsqlDbType.Date),
            P("region", (object?)region ?? DBNull.Value, NpgsqlTypes.NpgsqlDbType.Text), P("line", (object?)lineUserId ?? DBNull.Value, NpgsqlTypes.NpgsqlDbType.Text),
            P("friend", friendStatus), P("registered", (object?)registeredAt ?? DBNull.Value, NpgsqlTypes.NpgsqlDbType.TimestampTz),
            P("opted", (object?)optedOutAt ?? DBNull.Value, NpgsqlTypes.NpgsqlDbType.TimestampTz));
        return id;
    }

    /// <summary>A purchase at Taipei noon of <paramref name="daysAgo"/> days before the as-of date.</summary>
    internal Task PurchaseAsync(Guid memberId, int daysAgo, decimal total, decimal refunded = 0, string store = "S01") =>
        ExecuteAsync("""
            INSERT INTO points_purchases (id, member_id, store_code, receipt_number, total, refunded_amount, occurred_at, channel,
                                          points_earned, points_reversed, imported, lines, created_at)
            VALUES (gen_random_uuid(), @member, @store, gen_random_uuid()::text, @total, @refunded, @at, 'pos', 0, 0, false, '[]', now())
            """,
            P("member", memberId), P("store", store), P("total", total), P("refunded", refunded),
            P("at", new DateTimeOffset(AsOf.AddDays(-daysAgo).ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero)));

    internal async Task<Guid> TagAsync(Guid memberId, string tag)
    {
        await database.TagMemberAsync(memberId, tag);
        return memberId;
    }

    internal Task<ScoringRun> ScoreAsync() => Segmentation.RunScoringAsync(null, "test");

    internal async Task<MemberScores> ScoresOfAsync(Guid memberId) =>
        await Segmentation.GetMemberScoresAsync(memberId) ?? throw new InvalidOperationException("not scored");

    internal Task<long> CountRowsAsync(string sql) => database.CountAsync(sql);

    internal Task ExecuteAsync(string sql, params NpgsqlParameter[] parameters) => database.ExecuteAsync(sql, parameters);

    private static NpgsqlParameter P(string name, object value, NpgsqlTypes.NpgsqlDbType? type = null) =>
        type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value);
}
