using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Privacy;

/// <summary>
/// PDPA requests. Erasure keeps the member row and code (points and purchases later refer to it) but nothing that
/// identifies the person: personal fields, the LINE link, staff notes and free-text timeline summaries go.
/// Consents stay as records of what was accepted when, which no longer name anyone.
/// </summary>
internal sealed class MemberPrivacy(IDbContextFactory<MembersDbContext> dbFactory, IAuditTrail audit, TimeProvider clock) : IMemberPrivacy
{
    public async Task<MemberDataExport?> ExportAsync(Guid memberId, string reason, CancellationToken ct = default)
    {
        RequireReason(reason);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return null;
        }

        var consents = await db.Consents.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.AcceptedAt)
            .Select(c => new ConsentRecord(c.TermsVersion, c.AcceptedAt, c.Channel)).ToListAsync(ct);
        var notes = await db.Notes.AsNoTracking().Where(n => n.MemberId == memberId).OrderBy(n => n.CreatedAt)
            .Select(n => new StaffNote(n.Id, n.CreatedAt, n.Author, n.Text)).ToListAsync(ct);
        var timeline = await db.Timeline.AsNoTracking().Where(t => t.MemberId == memberId).OrderBy(t => t.OccurredAt).ThenBy(t => t.Id)
            .Select(t => new TimelineEntry(t.Id, t.OccurredAt, t.Kind, t.Summary)).ToListAsync(ct);
        var profile = new MemberProfile(
            member.Id, member.MemberCode, member.Status, member.Name, member.Mobile, member.Email, member.Birthday, member.Gender,
            member.Region, member.PreferredStore, member.LineUserId, member.LineDisplayName, member.PictureUrl, member.Language,
            member.FriendStatus, member.FriendSince, member.RegisteredAt, member.CreatedAt, consents, notes);

        await audit.RecordAsync(new AuditRecord("member.exported", "member", memberId.ToString(), Reason: reason.Trim()), ct);
        return new MemberDataExport(clock.GetUtcNow(), profile, timeline);
    }

    public async Task<bool> EraseAsync(Guid memberId, string reason, CancellationToken ct = default)
    {
        RequireReason(reason);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return false;
        }

        if (member.Status == MemberStatus.Erased)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        var lineUserId = member.LineUserId;
        Wipe(member, now);
        await db.Notes.Where(n => n.MemberId == memberId).ExecuteDeleteAsync(ct);
        // Summaries hold message texts and LINE display names: keep what happened and when, not what was said.
        await db.Timeline.Where(t => t.MemberId == memberId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Summary, ""), ct);
        // Delivered events (e.g. MemberRegistered) carry the LINE user id; undelivered ones are still owed to their handlers.
        var payload = $$"""{"memberId":"{{memberId}}"}""";
        await db.Outbox.Where(m => m.ProcessedAt != null && EF.Functions.JsonContains(m.Payload, payload)).ExecuteDeleteAsync(ct);
        db.Timeline.Add(new TimelineRecord { Id = Guid.CreateVersion7(), MemberId = memberId, OccurredAt = now, Kind = TimelineKinds.Erased, Summary = "" });
        // Saved with the erasure: other modules (LINE's raw webhook payloads) purge what they hold, even after a crash.
        db.Outbox.Add(OutboxMessage.For(new MemberErased(memberId, member.MemberCode, lineUserId, now), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await audit.RecordAsync(new AuditRecord("member.erased", "member", memberId.ToString(), $"code={member.MemberCode}", reason.Trim()), ct);
        return true;
    }

    private static void Wipe(Member member, DateTimeOffset now)
    {
        member.Status = MemberStatus.Erased;
        member.ErasedAt = now;
        member.Name = null;
        member.Mobile = null;
        member.Email = null;
        member.Birthday = null;
        member.Gender = Gender.Unspecified;
        member.Region = null;
        member.PreferredStore = null;
        // The LINE link goes too: if the same person follows again, LINE friends start a new, unrelated member.
        member.LineUserId = null;
        member.LineDisplayName = null;
        member.PictureUrl = null;
        member.Language = null;
        member.FriendStatus = FriendStatus.NeverFriend;
        member.FriendStatusChangedAt = null;
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A privacy request needs a reason for the audit log.", nameof(reason));
        }
    }
}
