using Membership.Contracts.Members;
using Membership.Members.CsvImport;
using Membership.Shared.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Members.Demo;

/// <summary>
/// Writes generated members with binary COPY, a batch at a time (members, then their consents and timeline), so a
/// million members stream through without EF change tracking and without holding them all in memory.
/// </summary>
internal static class DemoMemberWriter
{
    private const int BatchSize = 50_000;

    public static async Task<int> WriteAsync(NpgsqlConnection connection, IEnumerable<DemoMember> members, int termsVersion, CancellationToken ct)
    {
        var written = 0;
        foreach (var batch in members.Chunk(BatchSize))
        {
            await CopyMembersAsync(connection, batch, ct);
            await CopyConsentsAsync(connection, batch, termsVersion, ct);
            await CopyTimelineAsync(connection, batch, ct);
            written += batch.Length;
        }

        return written;
    }

    private static async Task CopyMembersAsync(NpgsqlConnection connection, DemoMember[] batch, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY members_members (id, member_code, status, name, mobile, email, birthday, gender, region, preferred_store, registered_at,
                line_user_id, line_display_name, language, friend_status, friend_since, friend_status_changed_at, created_at)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var m in batch)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(m.MemberCode, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((int)m.Status, NpgsqlDbType.Integer, ct);
            await BulkWrite.NullableAsync(writer, m.Name, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.Mobile, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.Email, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.Birthday, NpgsqlDbType.Date, ct);
            await writer.WriteAsync((int)m.Gender, NpgsqlDbType.Integer, ct);
            await BulkWrite.NullableAsync(writer, m.Region, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.PreferredStore, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.RegisteredAt, NpgsqlDbType.TimestampTz, ct);
            await BulkWrite.NullableAsync(writer, m.LineUserId, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.LineDisplayName, NpgsqlDbType.Varchar, ct);
            await BulkWrite.NullableAsync(writer, m.LineUserId is null ? null : "zh-TW", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((int)m.FriendStatus, NpgsqlDbType.Integer, ct);
            await BulkWrite.NullableAsync(writer, m.FriendSince, NpgsqlDbType.TimestampTz, ct);
            await BulkWrite.NullableAsync(writer, m.FriendSince, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task CopyConsentsAsync(NpgsqlConnection connection, DemoMember[] batch, int termsVersion, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY members_consents (id, member_id, terms_version, accepted_at, channel) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var m in batch.Where(m => m.RegisteredAt is not null))
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(Guid.CreateVersion7(m.RegisteredAt!.Value), NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(termsVersion, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(m.RegisteredAt.Value, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(ConsentChannels.Line, NpgsqlDbType.Varchar, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task CopyTimelineAsync(NpgsqlConnection connection, DemoMember[] batch, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY members_timeline_entries (id, member_id, occurred_at, kind, summary) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var m in batch)
        {
            var first = m.FriendSince is not null ? TimelineKinds.FriendAdded : Directory.OfflineMembers.CreatedAtCounterKind;
            await Entry(writer, m.Id, m.CreatedAt, first, m.LineDisplayName ?? "", ct);
            if (m.RegisteredAt is { } registeredAt)
            {
                await Entry(writer, m.Id, registeredAt, TimelineKinds.Registered, "", ct);
            }
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task Entry(NpgsqlBinaryImporter writer, Guid memberId, DateTimeOffset at, string kind, string summary, CancellationToken ct)
    {
        await writer.StartRowAsync(ct);
        await writer.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid, ct);
        await writer.WriteAsync(memberId, NpgsqlDbType.Uuid, ct);
        await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
        await writer.WriteAsync(kind, NpgsqlDbType.Varchar, ct);
        await writer.WriteAsync(summary, NpgsqlDbType.Varchar, ct);
    }
}
