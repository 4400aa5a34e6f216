using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Privacy;

/// <summary>Erasure reaches the LINE module through the Members outbox: the member's raw webhook payloads are wiped.</summary>
public sealed class ErasureInboxPurgeTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Erasure_wipes_that_line_users_webhook_payloads_and_nobody_elses()
    {
        const string Erased = "Upurge00000000000000000000000001";
        const string Other = "Upurge00000000000000000000000002";
        var members = app.Services.GetRequiredService<IMembersModule>();
        var member = await members.RecordLineFollowAsync(new LineFollow(Erased, DateTimeOffset.UtcNow, "evt-purge-f", false, "小華", null, "zh-TW"));
        await InsertInboxEventAsync("evt-purge-1", Erased, InboxEventStatus.Handled, "我的手機是0912345678");
        await InsertInboxEventAsync("evt-purge-2", Erased, InboxEventStatus.Pending, "還沒處理的訊息");
        await InsertInboxEventAsync("evt-purge-3", Other, InboxEventStatus.Handled, "別人的訊息");

        Assert.True(await app.Services.GetRequiredService<IMemberPrivacy>().EraseAsync(member.Id, "會員要求刪除"));

        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM line_inbox_events WHERE line_user_id = @u", Erased) == 0);
        foreach (var id in new[] { "evt-purge-1", "evt-purge-2" })
        {
            var (payload, userId, status) = await InboxRowAsync(id);
            Assert.Equal("{}", payload);
            Assert.Null(userId);
            Assert.NotEqual(InboxEventStatus.Pending, status); // the processor never handles an emptied event
        }

        Assert.Contains("別人的訊息", (await InboxRowAsync("evt-purge-3")).Payload, StringComparison.Ordinal);
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM line_inbox_events WHERE webhook_event_id LIKE @u", "evt-purge-%"));
    }

    [Fact]
    public async Task Erasure_is_delivered_as_an_event_with_the_former_line_user_and_purging_again_changes_nothing()
    {
        const string UserId = "Upurge00000000000000000000000003";
        var members = app.Services.GetRequiredService<IMembersModule>();
        var member = await members.RecordLineFollowAsync(new LineFollow(UserId, DateTimeOffset.UtcNow, "evt-purge-4f", false, "阿明", null, "zh-TW"));
        await InsertInboxEventAsync("evt-purge-4", UserId, InboxEventStatus.Handled, "哈囉");
        await app.Services.GetRequiredService<IMemberPrivacy>().EraseAsync(member.Id, "要求刪除");
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM line_inbox_events WHERE line_user_id = @u", UserId) == 0);
        // The handler's purge commits first; the dispatcher marks the message done when its own batch commits, a moment later.
        await EventuallyAsync(async () => await CountAsync(
            "SELECT count(*) FROM members_outbox_messages WHERE type LIKE '%MemberErased%' AND payload->>'lineUserId' = @u AND processed_at IS NOT NULL", UserId) > 0);

        var outbox = await CountAsync(
            "SELECT count(*) FROM members_outbox_messages WHERE type LIKE '%MemberErased%' AND payload->>'lineUserId' = @u AND processed_at IS NOT NULL", UserId);
        Assert.Equal(1L, outbox);

        // At-least-once delivery: the same event handled again (as after a crash before it was marked done).
        await ExecuteAsync("UPDATE members_outbox_messages SET processed_at = NULL WHERE type LIKE '%MemberErased%' AND payload->>'lineUserId' = @u", UserId);
        await EventuallyAsync(async () => await CountAsync(
            "SELECT count(*) FROM members_outbox_messages WHERE type LIKE '%MemberErased%' AND payload->>'lineUserId' = @u AND processed_at IS NOT NULL", UserId) == 1);
        var (payload, userId, status) = await InboxRowAsync("evt-purge-4");
        Assert.Equal(("{}", (string?)null, InboxEventStatus.Handled), (payload, userId, status));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not deliver MemberErased in time");
            await Task.Delay(100);
        }
    }

    private async Task InsertInboxEventAsync(string webhookEventId, string lineUserId, InboxEventStatus status, string text)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO line_inbox_events (id, webhook_event_id, event_type, line_user_id, occurred_at, received_at, is_redelivery, payload,
                status, attempts, next_attempt_at, handled_at)
            VALUES (gen_random_uuid(), @id, 'message', @user, now() - interval '1 minute', now() - interval '1 minute', false,
                jsonb_build_object('type', 'message', 'replyToken', 'r-' || @id, 'source', jsonb_build_object('userId', @user),
                    'message', jsonb_build_object('type', 'text', 'text', @text)),
                @status, 0, now() + interval '1 hour', CASE WHEN @status = 1 THEN now() END)
            """, connection);
        command.Parameters.AddWithValue("id", webhookEventId);
        command.Parameters.AddWithValue("user", lineUserId);
        command.Parameters.AddWithValue("text", text);
        command.Parameters.AddWithValue("status", (int)status);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(string Payload, string? UserId, InboxEventStatus Status)> InboxRowAsync(string webhookEventId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload::text, line_user_id, status FROM line_inbox_events WHERE webhook_event_id = @id", connection);
        command.Parameters.AddWithValue("id", webhookEventId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), (InboxEventStatus)reader.GetInt32(2));
    }

    private async Task<long> CountAsync(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("u", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("u", value);
        await command.ExecuteNonQueryAsync();
    }
}
