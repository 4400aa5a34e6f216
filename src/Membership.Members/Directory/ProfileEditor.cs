using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Members.Directory;

/// <summary>Staff edits of a member: each with a reason, audited (which fields, never a mobile or e-mail) and on the timeline.</summary>
internal sealed class ProfileEditor(IDbContextFactory<MembersDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
{
    public async Task<MemberProfile> UpdateAsync(UpdateMemberProfileRequest request, CancellationToken ct)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new MemberDirectoryException(MemberDirectoryException.ReasonRequired, "A reason is required to change a member's profile.");
        }

        var wanted = ProfileFields.Validate(request);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == request.MemberId, ct)
            ?? throw new MemberDirectoryException(MemberDirectoryException.NotFound, "No such member.");
        if (wanted.Mobile is not null && wanted.Mobile != member.Mobile &&
            await db.Members.AnyAsync(m => m.Mobile == wanted.Mobile && m.Id != member.Id, ct))
        {
            throw new MemberDirectoryException(MemberDirectoryException.MobileTaken, "Another member has this mobile number.");
        }

        var changed = ProfileFields.Apply(member, wanted);
        if (changed.Count == 0)
        {
            return await MemberDirectory.ProfileOfAsync(db, member, ct);
        }

        var fields = string.Join(", ", changed);
        db.Timeline.Add(new TimelineRecord
        {
            Id = Guid.CreateVersion7(),
            MemberId = member.Id,
            OccurredAt = clock.GetUtcNow(),
            Kind = TimelineKinds.ProfileChanged,
            Summary = Truncate($"{fields} · {reason}", 500),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new MemberDirectoryException(MemberDirectoryException.MobileTaken, "Another member has this mobile number.");
        }

        await audit.RecordAsync(new AuditRecord("member.profile-changed", "member", member.Id.ToString(), $"fields: {fields}", reason), ct);
        return await MemberDirectory.ProfileOfAsync(db, member, ct);
    }

    public async Task<StaffNote> AddNoteAsync(AddStaffNoteRequest request, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new MemberDirectoryException(MemberDirectoryException.TextRequired, "A note needs a text.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Members.AnyAsync(m => m.Id == request.MemberId, ct))
        {
            throw new MemberDirectoryException(MemberDirectoryException.NotFound, "No such member.");
        }

        var now = clock.GetUtcNow();
        var note = new NoteEntry
        {
            Id = Guid.CreateVersion7(), MemberId = request.MemberId, CreatedAt = now,
            Author = Truncate(request.Author, 256), Text = Truncate(text, 2000),
        };
        db.Notes.Add(note);
        db.Timeline.Add(new TimelineRecord
        {
            Id = Guid.CreateVersion7(), MemberId = request.MemberId, OccurredAt = now,
            Kind = TimelineKinds.NoteAdded, Summary = Truncate($"{note.Author}: {note.Text}", 500),
        });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord("member.note-added", "member", request.MemberId.ToString()), ct);
        return new StaffNote(note.Id, note.CreatedAt, note.Author, note.Text);
    }

    public async Task<bool> SetNotePinnedAsync(Guid memberId, Guid noteId, bool pinned, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Notes.Where(n => n.Id == noteId && n.MemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Pinned, pinned), ct) == 1;
        if (changed)
        {
            await audit.RecordAsync(new AuditRecord(pinned ? "member.note-pinned" : "member.note-unpinned", "member", memberId.ToString()), ct);
        }

        return changed;
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
