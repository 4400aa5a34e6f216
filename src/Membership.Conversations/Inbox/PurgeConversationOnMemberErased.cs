using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Npgsql;

namespace Membership.Conversations.Inbox;

/// <summary>
/// Erasure reaches the chat: every message of the erased member's LINE user up to the erasure goes (texts, media
/// references, staff answers), so do their survey answers, and the conversation with them unless the same person has
/// since written as a new member. Repeating it changes nothing.
/// </summary>
internal sealed class PurgeConversationOnMemberErased(NpgsqlDataSource dataSource) : IIntegrationEventHandler<MemberErased>
{
    private const string Sql = """
        DELETE FROM conversations_survey_responses WHERE member_id = @member;
        DELETE FROM conversations_messages m USING conversations_conversations c
        WHERE m.conversation_id = c.id AND c.line_user_id = @user AND m.at <= @erased_at;
        DELETE FROM conversations_conversations c
        WHERE c.line_user_id = @user
          AND (c.member_id = @member OR NOT EXISTS (SELECT 1 FROM conversations_messages m WHERE m.conversation_id = c.id));
        """;

    public async Task HandleAsync(MemberErased integrationEvent, Guid messageId, CancellationToken ct)
    {
        if (integrationEvent.LineUserId is not { Length: > 0 } userId)
        {
            return; // an offline-only member never wrote
        }

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("erased_at", integrationEvent.ErasedAt);
        command.Parameters.AddWithValue("member", integrationEvent.MemberId);
        await command.ExecuteNonQueryAsync(ct);
    }
}
