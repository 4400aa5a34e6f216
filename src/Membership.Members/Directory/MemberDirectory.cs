using System.Runtime.CompilerServices;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Membership.Shared.Paging;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Directory;

internal sealed class MemberDirectory(
    IDbContextFactory<MembersDbContext> dbFactory,
    ProfileEditor editor,
    OfflineMembers offline) : IMemberDirectory
{
    /// <summary>
    /// Matches counted beyond the page shown: an exact count of a broad search ("陳", or no search at all) at a million
    /// members costs more than the page itself, and nobody pages through a thousand members.
    /// </summary>
    public const int CountCap = 1_000;

    /// <summary>Matches of each kind (substring, similar) ranked for a page of fuzzy results, past the page's start.</summary>
    public const int RankingCandidates = 500;

    public async Task<PagedResult<MemberSummary>> SearchAsync(
        MemberQuery query, PageRequest page, MemberSort? sort = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var matches = MemberSearch.Where(db.Members.AsNoTracking(), query);
        var best = MemberSearch.BestAmongCandidates(db.Members.AsNoTracking(), query, sort, page.Skip + RankingCandidates);
        return await matches.ToCappedPagedResultAsync(m => Summaries(best ?? MemberSearch.Order(m, query, sort)), page, CountCap, ct);
    }

    public async IAsyncEnumerable<MemberSummary> StreamAsync(
        MemberQuery query, MemberSort? sort = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var member in Summaries(MemberSearch.Apply(db.Members.AsNoTracking(), query, sort)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return member;
        }
    }

    public async Task<MemberSummary?> FindByMemberCodeAsync(string memberCode, CancellationToken ct = default)
    {
        var code = memberCode.Trim();
        if (!MemberCodes.IsValid(code))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(db.Members.AsNoTracking().Where(m => m.MemberCode == code)).FirstOrDefaultAsync(ct);
    }

    public async Task<MemberProfile?> GetProfileAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        return member is null ? null : await ProfileOfAsync(db, member, ct);
    }

    public Task<MemberProfile> UpdateProfileAsync(UpdateMemberProfileRequest request, CancellationToken ct = default) =>
        editor.UpdateAsync(request, ct);

    public Task<StaffNote> AddNoteAsync(AddStaffNoteRequest request, CancellationToken ct = default) =>
        editor.AddNoteAsync(request, ct);

    public Task<bool> SetNotePinnedAsync(Guid memberId, Guid noteId, bool pinned, CancellationToken ct = default) =>
        editor.SetNotePinnedAsync(memberId, noteId, pinned, ct);

    public Task<OfflineMemberResult> CreateOfflineMemberAsync(CreateOfflineMemberRequest request, CancellationToken ct = default) =>
        offline.CreateAsync(request, ct);

    internal static async Task<MemberProfile> ProfileOfAsync(MembersDbContext db, Member m, CancellationToken ct)
    {
        var consents = await db.Consents.AsNoTracking().Where(c => c.MemberId == m.Id)
            .OrderByDescending(c => c.AcceptedAt)
            .Select(c => new ConsentRecord(c.TermsVersion, c.AcceptedAt, c.Channel))
            .ToListAsync(ct);
        var notes = await db.Notes.AsNoTracking().Where(n => n.MemberId == m.Id)
            .OrderByDescending(n => n.Pinned).ThenByDescending(n => n.CreatedAt)
            .Select(n => new StaffNote(n.Id, n.CreatedAt, n.Author, n.Text, n.Pinned))
            .ToListAsync(ct);
        return new MemberProfile(m.Id, m.MemberCode, m.Status, m.Name, m.Mobile, m.Email, m.Birthday, m.Gender, m.Region,
            m.PreferredStore, m.LineUserId, m.LineDisplayName, m.PictureUrl, m.Language, m.FriendStatus, m.FriendSince,
            m.RegisteredAt, m.CreatedAt, consents, notes);
    }

    private static IQueryable<MemberSummary> Summaries(IQueryable<Member> members) =>
        members.Select(m => new MemberSummary(m.Id, m.MemberCode, m.Status, m.Name, m.Mobile, m.Email, m.Region, m.LineUserId,
            m.LineDisplayName, m.PictureUrl, m.Language, m.FriendStatus, m.FriendSince, m.RegisteredAt, m.CreatedAt));
}
