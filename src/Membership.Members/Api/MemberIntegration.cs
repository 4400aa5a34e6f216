using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Members.Api;

internal sealed class MemberIntegration(IDbContextFactory<MembersDbContext> dbFactory, IAuditTrail audit, TimeProvider clock) : IMemberIntegration
{
    // Compiled: the POS looks members up by code on every purchase and redemption, and a compiled query skips EF's
    // per-call expression walk and query-cache look-up.
    private static readonly Func<MembersDbContext, string, CancellationToken, Task<Member?>> ByCode =
        EF.CompileAsyncQuery((MembersDbContext db, string code, CancellationToken _) => db.Members.AsNoTracking().FirstOrDefault(m => m.MemberCode == code));

    public async Task<IntegrationMember?> FindByCodeAsync(string memberCode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ByCode(db, memberCode, ct) is { } member ? ToIntegrationMember(member) : null;
    }

    public Task<IntegrationMember?> FindByMobileAsync(string mobile, CancellationToken ct = default) =>
        TaiwanMobile.Normalize(mobile) is { } normalized ? FindAsync(m => m.Mobile == normalized, ct) : Task.FromResult<IntegrationMember?>(null);

    public Task<IntegrationMember?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default) =>
        FindAsync(m => m.LineUserId == lineUserId, ct);

    public async Task<OfflineRegistrationResult> RegisterOfflineAsync(OfflineRegistrationRequest request, CancellationToken ct = default)
    {
        var (valid, errors) = OfflineRegistrationValidator.Validate(request, TaipeiTime.Today(clock));
        if (valid is null)
        {
            return new OfflineRegistrationResult(null, false, errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(m => m.Mobile == valid.Mobile, ct) is { } existing)
            {
                return new OfflineRegistrationResult(existing, false, errors);
            }

            try
            {
                return await CreateAsync(valid, ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 3)
            {
                // The same mobile registered at the same moment by another till (or a new member code collided): look again.
            }
        }
    }

    private async Task<OfflineRegistrationResult> CreateAsync(ValidOfflineRegistration valid, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (valid.TermsVersion is { } version && !await db.Terms.AnyAsync(t => t.Version == version, ct))
        {
            return new OfflineRegistrationResult(null, false, new Dictionary<string, string[]>
            {
                ["consent.termsVersion"] = [$"There are no privacy terms with version {version}."],
            });
        }

        var now = clock.GetUtcNow();
        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            MemberCode = MemberCodes.New(),
            Status = MemberStatus.Offline,
            Name = valid.Name,
            Mobile = valid.Mobile,
            Email = valid.Email,
            Birthday = valid.Birthday,
            Gender = valid.Gender,
            Region = valid.Region,
            PreferredStore = valid.StoreCode,
            FriendStatus = FriendStatus.NeverFriend,
            CreatedAt = now,
        };
        db.Members.Add(member);
        if (valid.TermsVersion is { } accepted)
        {
            db.Consents.Add(new ConsentEntry { Id = Guid.CreateVersion7(), MemberId = member.Id, TermsVersion = accepted, AcceptedAt = now, Channel = ConsentChannels.Api });
        }

        db.Timeline.Add(new TimelineRecord { Id = Guid.CreateVersion7(), MemberId = member.Id, OccurredAt = now, Kind = TimelineKinds.Registered, Summary = "API" });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord("member.created", "member", member.Id.ToString(), "offline registration through the integration API"), ct);
        return new OfflineRegistrationResult(ToIntegrationMember(member), true, new Dictionary<string, string[]>());
    }

    private async Task<IntegrationMember?> FindAsync(System.Linq.Expressions.Expression<Func<Member, bool>> predicate, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(predicate, ct);
        return member is null ? null : ToIntegrationMember(member);
    }

    private static IntegrationMember ToIntegrationMember(Member m) =>
        new(m.Id, m.MemberCode, m.Status, m.Name, m.Mobile, m.Email, m.Birthday, m.Gender, m.Region, m.PreferredStore,
            m.LineUserId, m.FriendStatus, m.RegisteredAt, m.CreatedAt);
}
