using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Membership.Shared.Outbox;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Members.Registration;

/// <summary>
/// One registration, one transaction: the LINE friend's row (or an offline member with the same mobile, which then
/// takes over the friend's LINE id and timeline) becomes a registered member with consent, timeline entry and event.
/// The event's outbox row also drives the confirmation push (<see cref="SendConfirmationOnMemberRegistered"/>).
/// </summary>
internal sealed class MemberRegistrar(
    IDbContextFactory<MembersDbContext> dbFactory,
    IPrivacyTermsCatalog terms,
    TimeProvider clock) : IMemberRegistration
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<RegistrationResult> RegisterAsync(RegisterMemberRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.LineUserId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterOnceAsync(request, ct);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && attempt < 3)
            {
                // A double submit or a follow event raced us: look again at what is there now.
            }
        }
    }

    private async Task<RegistrationResult> RegisterOnceAsync(RegisterMemberRequest request, CancellationToken ct)
    {
        var current = await terms.GetCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var friend = await db.Members.FirstOrDefaultAsync(m => m.LineUserId == request.LineUserId, ct);
        if (friend is { Status: MemberStatus.Registered })
        {
            return new RegistrationResult(RegistrationOutcome.AlreadyRegistered, friend.ToSummary(), NoErrors);
        }

        var (input, errors) = RegistrationInput.Parse(request, current.Version, TaipeiTime.Today(clock));
        if (input is null)
        {
            return Invalid(errors);
        }

        var holder = await db.Members.FirstOrDefaultAsync(m => m.Mobile == input.Mobile, ct);
        var mergesOffline = holder is not null && holder.Id != friend?.Id;
        if (mergesOffline && (holder!.Status != MemberStatus.Offline || holder.LineUserId is not null))
        {
            return Invalid(new Dictionary<string, string> { [RegistrationFields.Mobile] = RegistrationErrors.Taken });
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Member member;
        if (mergesOffline)
        {
            member = holder!;
            if (friend is not null)
            {
                await MoveFriendIntoAsync(db, friend, member, ct);
            }
            else
            {
                member.LineUserId = request.LineUserId;
            }
        }
        else if (friend is not null)
        {
            member = friend;
        }
        else
        {
            member = new Member
            {
                Id = Guid.CreateVersion7(),
                MemberCode = MemberCodes.New(),
                LineUserId = request.LineUserId,
                FriendStatus = FriendStatus.Friend,
                CreatedAt = now,
            };
            db.Members.Add(member);
        }

        member.Name = input.Name;
        member.Mobile = input.Mobile;
        member.Birthday = input.Birthday;
        member.Gender = input.Gender;
        member.Region = input.Region;
        member.Email = input.Email ?? member.Email;
        member.Status = MemberStatus.Registered;
        member.RegisteredAt = now;
        db.Consents.Add(new ConsentEntry
        {
            Id = Guid.CreateVersion7(), MemberId = member.Id, TermsVersion = input.TermsVersion, AcceptedAt = now, Channel = ConsentChannels.Line,
        });
        db.Timeline.Add(new TimelineRecord
        {
            Id = Guid.CreateVersion7(),
            MemberId = member.Id,
            OccurredAt = now,
            Kind = TimelineKinds.Registered,
            Summary = mergesOffline ? $"LINE ({member.MemberCode}, offline member bound)" : $"LINE ({member.MemberCode})",
            SourceEventId = $"registered:{request.LineUserId}",
        });
        db.Outbox.Add(OutboxMessage.For(new MemberRegistered(member.Id, member.MemberCode, request.LineUserId, now, mergesOffline), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RegistrationResult(RegistrationOutcome.Registered, member.ToSummary(), NoErrors) { MergedOfflineMember = mergesOffline };
    }

    /// <summary>The offline member keeps its code and history and takes the friend's LINE identity and timeline; the emptied friend row goes.</summary>
    private static async Task MoveFriendIntoAsync(MembersDbContext db, Member friend, Member offline, CancellationToken ct)
    {
        await db.Timeline.Where(t => t.MemberId == friend.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.MemberId, offline.Id), ct);
        await db.Consents.Where(c => c.MemberId == friend.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MemberId, offline.Id), ct);
        await db.Notes.Where(n => n.MemberId == friend.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.MemberId, offline.Id), ct);
        var lineUserId = friend.LineUserId;
        db.Members.Remove(friend);
        await db.SaveChangesAsync(ct); // frees the LINE id (unique) before the offline member takes it

        offline.LineUserId = lineUserId;
        offline.LineDisplayName = friend.LineDisplayName;
        offline.PictureUrl = friend.PictureUrl;
        offline.Language = friend.Language;
        offline.FriendStatus = friend.FriendStatus;
        offline.FriendSince = friend.FriendSince;
        offline.FriendStatusChangedAt = friend.FriendStatusChangedAt;
    }

    private static RegistrationResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(RegistrationOutcome.Invalid, null, errors);

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
