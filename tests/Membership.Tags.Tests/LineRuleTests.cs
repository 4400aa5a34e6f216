using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Tags.Tests;

/// <summary>Members publishes a LINE message or postback once per LINE event; keyword and postback rules tag once.</summary>
public sealed class LineRuleTests(PostgresDatabaseFixture database) : TagsTestBase(database)
{
    private PostgresDatabaseFixture Database { get; } = database;

    private const string LineUserId = "Uline0000000000000000000000000001";

    private async Task<Guid> LineMemberAsync(string code)
    {
        var id = await MemberAsync(code);
        await ExecuteAsync("UPDATE members_members SET line_user_id = @line, friend_status = 1 WHERE id = @id",
            new NpgsqlParameter("line", LineUserId), new NpgsqlParameter("id", id));
        return id;
    }

    private async Task<Guid> RuleAsync(TagRuleKind kind, KeywordMatch match, string keyword)
    {
        var tag = await TagAsync($"{kind}-{match}-{keyword}");
        var result = await Tags.SaveRuleAsync(new SaveTagRuleRequest(null, $"rule {keyword} {match}", tag, kind, match, keyword, null, null, null, true, Staff));
        Assert.True(result.Succeeded, result.Error);
        return tag;
    }

    /// <summary>Records the activity through Members and delivers what its outbox got, the way the dispatcher would (twice: at least once).</summary>
    private async Task RecordAsync(LineActivity activity)
    {
        await Module.Scoped<IMembersModule>().RecordLineActivityAsync(activity);
        foreach (var (id, typeName, payload) in await MembersOutboxAsync("processed_at IS NULL"))
        {
            var type = Type.GetType(typeName, throwOnError: true)!;
            var integrationEvent = JsonSerializer.Deserialize(payload, type, JsonSerializerOptions.Web)!;
            var handler = typeof(IIntegrationEventHandler<>).MakeGenericType(type);
            foreach (var _ in new[] { 1, 2 })
            {
                foreach (var h in Module.Services.CreateScope().ServiceProvider.GetServices(handler))
                {
                    await (Task)handler.GetMethod("HandleAsync")!.Invoke(h, [integrationEvent, id, CancellationToken.None])!;
                }
            }

            await ExecuteAsync("UPDATE members_outbox_messages SET processed_at = now() WHERE id = @id", new NpgsqlParameter("id", id));
        }
    }

    private async Task<List<(Guid Id, string Type, string Payload)>> MembersOutboxAsync(string where)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id, type, payload::text FROM members_outbox_messages WHERE {where} ORDER BY occurred_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    [Fact]
    public async Task A_text_message_raises_one_event_per_LINE_event_and_a_sticker_none()
    {
        var member = await LineMemberAsync("L1");
        var at = DateTimeOffset.UtcNow;

        await Module.Scoped<IMembersModule>().RecordLineActivityAsync(new LineActivity(LineUserId, at, "evt-1", TimelineKinds.Message, "哈囉", Text: "哈囉"));
        await Module.Scoped<IMembersModule>().RecordLineActivityAsync(new LineActivity(LineUserId, at, "evt-1", TimelineKinds.Message, "哈囉", Text: "哈囉"));
        await Module.Scoped<IMembersModule>().RecordLineActivityAsync(new LineActivity(LineUserId, at, "evt-2", TimelineKinds.Message, "[sticker]"));
        await Module.Scoped<IMembersModule>().RecordLineActivityAsync(new LineActivity(LineUserId, at, "evt-3", TimelineKinds.Postback, "a=1", PostbackData: "a=1"));

        var outbox = await MembersOutboxAsync("true");
        Assert.Single(outbox, m => m.Type.StartsWith(typeof(MemberMessageReceived).FullName! + ",", StringComparison.Ordinal));
        Assert.Single(outbox, m => m.Type.StartsWith(typeof(MemberPostbackReceived).FullName! + ",", StringComparison.Ordinal));
        var payload = outbox.Single(m => m.Type.StartsWith(typeof(MemberMessageReceived).FullName! + ",", StringComparison.Ordinal)).Payload;
        var message = JsonSerializer.Deserialize<MemberMessageReceived>(payload, JsonSerializerOptions.Web)!;
        Assert.Equal((member, "哈囉", "evt-1"), (message.MemberId, message.Text, message.SourceEventId));
    }

    [Fact]
    public async Task Keyword_rules_match_the_whole_text_or_a_part_of_it_and_tag_once()
    {
        var member = await LineMemberAsync("L2");
        var equals = await RuleAsync(TagRuleKind.MessageKeyword, KeywordMatch.Equals, "優惠");
        var contains = await RuleAsync(TagRuleKind.MessageKeyword, KeywordMatch.Contains, "優惠");

        await RecordAsync(new LineActivity(LineUserId, DateTimeOffset.UtcNow, "evt-a", TimelineKinds.Message, "請問有優惠嗎", Text: "請問有優惠嗎"));
        Assert.Equal([contains], (await Tags.GetMemberTagsAsync(member)).Select(t => t.TagId));

        await RecordAsync(new LineActivity(LineUserId, DateTimeOffset.UtcNow, "evt-b", TimelineKinds.Message, " 優惠 ", Text: " 優惠 "));
        await RecordAsync(new LineActivity(LineUserId, DateTimeOffset.UtcNow, "evt-c", TimelineKinds.Message, "優惠", Text: "優惠"));

        var history = await Tags.GetMemberTagHistoryAsync(member);
        Assert.Equal(2, history.Count);
        Assert.Single(history, a => a.TagId == equals && a.AddedBy.Kind == TagActorKind.Rule);
        Assert.Equal(1L, await CountAsync($"SELECT members_tagged FROM tags_rules WHERE tag_id = '{contains}'"));
    }

    [Fact]
    public async Task Postback_rules_need_the_same_data()
    {
        var member = await LineMemberAsync("L3");
        var coffee = await RuleAsync(TagRuleKind.Postback, KeywordMatch.Equals, "menu=coffee");

        await RecordAsync(new LineActivity(LineUserId, DateTimeOffset.UtcNow, "evt-p1", TimelineKinds.Postback, "menu=coffee&x=1", PostbackData: "menu=coffee&x=1"));
        Assert.Empty(await Tags.GetMemberTagsAsync(member));

        await RecordAsync(new LineActivity(LineUserId, DateTimeOffset.UtcNow, "evt-p2", TimelineKinds.Postback, "menu=coffee", PostbackData: "menu=coffee"));
        Assert.Equal([coffee], (await Tags.GetMemberTagsAsync(member)).Select(t => t.TagId));
    }
}
