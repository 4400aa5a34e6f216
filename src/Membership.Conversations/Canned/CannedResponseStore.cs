using System.Text.Json;
using Membership.Contracts.Audit;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Canned;

internal sealed class CannedResponseStore(
    IDbContextFactory<ConversationsDbContext> dbFactory, IBroadcastModule broadcast, IAuditTrail audit, TimeProvider clock) : ICannedResponses
{
    public async Task<IReadOnlyList<CannedResponse>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CannedResponses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(ct);
        return rows.Select(ToResponse).ToList();
    }

    public async Task<SaveCannedResponseResult> SaveAsync(SaveCannedResponseRequest request, CancellationToken ct = default)
    {
        var errors = CannedResponseRules.Check(request);
        if (errors.Count == 0 && broadcast.CheckMessages([TextMessage(request.Text)]) is { Count: > 0 } templateErrors)
        {
            errors.AddRange(templateErrors.Select(e => new ConversationError("text", e.Message)));
        }

        var (title, shortcut) = (request.Title?.Trim() ?? "", string.IsNullOrEmpty(request.Shortcut) ? null : request.Shortcut);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (errors.Count == 0)
        {
            if (await db.CannedResponses.AnyAsync(c => c.Title == title && c.Id != request.Id, ct))
            {
                errors.Add(new("title", "已有同名的快速回覆。"));
            }

            if (shortcut is not null && await db.CannedResponses.AnyAsync(c => c.Shortcut == shortcut && c.Id != request.Id, ct))
            {
                errors.Add(new("shortcut", "這個捷徑已被使用。"));
            }
        }

        if (errors.Count > 0)
        {
            return new SaveCannedResponseResult(null, errors);
        }

        var row = request.Id is { } id ? await db.CannedResponses.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        if (request.Id is not null && row is null)
        {
            return new SaveCannedResponseResult(null, [new("id", "找不到這則快速回覆。")]);
        }

        row ??= db.CannedResponses.Add(new CannedResponseRow { Id = Guid.CreateVersion7(), Title = title, Text = request.Text, UpdatedBy = request.By }).Entity;
        (row.Title, row.Shortcut, row.Text, row.UpdatedBy, row.UpdatedAt) = (title, shortcut, request.Text, request.By, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return new SaveCannedResponseResult(null, [new("title", "已有同名或同捷徑的快速回覆。")]); // saved by someone else meanwhile
        }

        await audit.RecordAsync(new AuditRecord(request.Id is null ? "conversations.canned-created" : "conversations.canned-updated", "canned-response", row.Id.ToString(), title), ct);
        return new SaveCannedResponseResult(row.Id, []);
    }

    public async Task<bool> DeleteAsync(Guid cannedResponseId, string by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.CannedResponses.Where(c => c.Id == cannedResponseId).ExecuteDeleteAsync(ct) == 1;
        if (deleted)
        {
            await audit.RecordAsync(new AuditRecord("conversations.canned-deleted", "canned-response", cannedResponseId.ToString()), ct);
        }

        return deleted;
    }

    public async Task<string?> RenderAsync(Guid cannedResponseId, Guid conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var text = await db.CannedResponses.Where(c => c.Id == cannedResponseId).Select(c => c.Text).FirstOrDefaultAsync(ct);
        var conversation = await db.Conversations.Where(c => c.Id == conversationId).Select(c => new { c.MemberId }).FirstOrDefaultAsync(ct);
        if (text is null || conversation is null)
        {
            return null;
        }

        if (conversation.MemberId is { } memberId)
        {
            var rendered = await broadcast.RenderForMemberAsync([TextMessage(text)], memberId, ct);
            return rendered is [TextMessage message] ? message.Text : text;
        }

        // A friend who has not registered: the template's fallbacks (e.g. 親愛的會員).
        var sample = await broadcast.RenderSampleAsync([TextMessage(text)], null, null, ct);
        return sample.Messages is [var first] && first.TryGetProperty("text", out var value) ? value.GetString() : text;
    }

    private static JsonElement TextMessage(string text) => JsonSerializer.SerializeToElement(new { type = "text", text });

    private static CannedResponse ToResponse(CannedResponseRow c) => new(c.Id, c.Title, c.Shortcut, c.Text, c.UpdatedBy, c.UpdatedAt);
}
