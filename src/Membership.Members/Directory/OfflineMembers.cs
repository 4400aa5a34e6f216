using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Members.Directory;

/// <summary>Members created at the counter: known by mobile only, until they bind to LINE by registering there.</summary>
internal sealed class OfflineMembers(IDbContextFactory<MembersDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>Not a <see cref="TimelineKinds"/> kind of the contract: only the console shows it.</summary>
    public const string CreatedAtCounterKind = "member.created-offline";

    public async Task<OfflineMemberResult> CreateAsync(CreateOfflineMemberRequest request, CancellationToken ct)
    {
        var mobile = TaiwanMobile.Normalize(request.Mobile)
            ?? throw new MemberDirectoryException(MemberDirectoryException.MobileInvalid, "Not a Taiwan mobile number.");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Mobile == mobile, ct) is { } existing)
            {
                return new OfflineMemberResult(existing.ToSummary(), AlreadyExisted: true);
            }

            var member = await AddAsync(db, mobile, request, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 3)
            {
                continue; // the same mobile created at the same moment elsewhere (or a member code clash): look again
            }

            await audit.RecordAsync(new AuditRecord("member.created-offline", "member", member.Id.ToString(),
                request.CounterConsent ? "consent: counter" : null), ct);
            return new OfflineMemberResult(member.ToSummary(), AlreadyExisted: false);
        }
    }

    private async Task<Member> AddAsync(MembersDbContext db, string mobile, CreateOfflineMemberRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int? termsVersion = null;
        if (request.CounterConsent)
        {
            termsVersion = await db.Terms.MaxAsync(t => (int?)t.Version, ct)
                ?? throw new MemberDirectoryException(MemberDirectoryException.NoPrivacyTerms, "No privacy terms are published yet.");
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            MemberCode = MemberCodes.New(),
            Status = MemberStatus.Offline,
            FriendStatus = FriendStatus.NeverFriend,
            Mobile = mobile,
            Name = name is { Length: > 100 } ? name[..100] : name,
            CreatedAt = now,
        };
        db.Members.Add(member);
        if (termsVersion is { } version)
        {
            db.Consents.Add(new ConsentEntry { Id = Guid.CreateVersion7(), MemberId = member.Id, TermsVersion = version, AcceptedAt = now, Channel = ConsentChannels.Counter });
        }

        db.Timeline.Add(new TimelineRecord { Id = Guid.CreateVersion7(), MemberId = member.Id, OccurredAt = now, Kind = CreatedAtCounterKind, Summary = "" });
        return member;
    }
}
