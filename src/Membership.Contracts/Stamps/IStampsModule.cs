namespace Membership.Contracts.Stamps;

/// <summary>
/// The Stamps module (集點卡): card definitions, one open card per member per definition, stamps from purchases and
/// staff, rewards earned at thresholds. A stamp after completion or expiry starts a new card.
/// </summary>
public interface IStampsModule
{
    Task<IReadOnlyList<StampCardDefinition>> GetDefinitionsAsync(bool includeInactive = true, CancellationToken ct = default);

    /// <summary>Creates (<see cref="StampCardDefinition.Id"/> empty) or updates a definition; refused, changing nothing, when invalid.</summary>
    Task<SaveStampCardResult> SaveDefinitionAsync(StampCardDefinition definition, string changedBy, CancellationToken ct = default);

    /// <summary>The member's open card of every active definition (an empty one when none is started) and the latest closed ones.</summary>
    Task<IReadOnlyList<StampCard>> GetMemberCardsAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>Stamps given and taken back, newest first.</summary>
    Task<IReadOnlyList<StampEntry>> GetHistoryAsync(Guid memberId, int take = 50, CancellationToken ct = default);

    Task<IReadOnlyList<EarnedStampReward>> GetRewardsAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>Staff stamps at the counter; idempotent by <see cref="AddStampsRequest.IdempotencyKey"/> (one per submission).</summary>
    Task<AddStampsResult> AddStampsAsync(AddStampsRequest request, CancellationToken ct = default);

    /// <summary>Marks an earned reward handed out; false when unknown or already handed out.</summary>
    Task<bool> HandOutRewardAsync(Guid rewardId, string handedOutBy, CancellationToken ct = default);
}

public enum StampEarning
{
    /// <summary><see cref="StampCardDefinition.StampsPerVisit"/> stamps per purchase.</summary>
    PerVisit = 0,

    /// <summary>One stamp per <see cref="StampCardDefinition.AmountPerStamp"/> NT$ of a purchase, at most <see cref="StampCardDefinition.MaxStampsPerPurchase"/>.</summary>
    PerAmount = 1,
}

/// <param name="Id"><see cref="Guid.Empty"/> for a new definition.</param>
/// <param name="ValidityDays">Days a card is valid from its first stamp.</param>
public sealed record StampCardDefinition(
    Guid Id,
    string Name,
    StampEarning Earning,
    int StampsPerVisit,
    decimal? AmountPerStamp,
    int? MaxStampsPerPurchase,
    int TotalStamps,
    int ValidityDays,
    IReadOnlyList<StampReward> Rewards,
    bool Active)
{
    /// <summary>Stamps a purchase of <paramref name="total"/> NT$ earns on this card.</summary>
    public int StampsFor(decimal total)
    {
        if (Earning == StampEarning.PerVisit)
        {
            return total > 0 ? StampsPerVisit : 0;
        }

        var stamps = AmountPerStamp is > 0 ? (int)Math.Floor(Math.Max(0, total) / AmountPerStamp.Value) : 0;
        return MaxStampsPerPurchase is { } cap ? Math.Min(stamps, cap) : stamps;
    }
}

public sealed record StampReward(int Threshold, string Description);

/// <param name="Errors">Resource keys (<c>Stamps.Error.*</c>) of what is wrong.</param>
public sealed record SaveStampCardResult(bool Succeeded, Guid? Id, IReadOnlyList<string> Errors);

public enum StampCardStatus
{
    /// <summary>No stamp yet: the card starts with the first one.</summary>
    NotStarted = 0,
    Active = 1,
    Completed = 2,
    Expired = 3,
}

/// <param name="CardId">Null for a card not started yet.</param>
public sealed record StampCard(
    Guid? CardId,
    Guid DefinitionId,
    string Name,
    int Stamps,
    int TotalStamps,
    IReadOnlyList<StampReward> Rewards,
    StampCardStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? ExpiresAt);

/// <param name="Stamps">Signed: negative when a refund took stamps back.</param>
/// <param name="Source"><c>purchase</c>, <c>manual</c> or <c>refund</c>.</param>
public sealed record StampEntry(Guid Id, Guid CardId, string CardName, int Stamps, string Source, string? Reason, string? RecordedBy, DateTimeOffset OccurredAt);

public sealed record EarnedStampReward(
    Guid Id,
    Guid CardId,
    string CardName,
    int Threshold,
    string Description,
    DateTimeOffset EarnedAt,
    DateTimeOffset? HandedOutAt,
    string? HandedOutBy);

/// <param name="IdempotencyKey">One per staff submission: the same key again adds nothing.</param>
public sealed record AddStampsRequest(Guid MemberId, Guid DefinitionId, int Stamps, string Reason, string RecordedBy, string IdempotencyKey);

public enum AddStampsOutcome
{
    Added = 0,
    Replayed = 1,
    Invalid = 2,
    DefinitionNotFound = 3,
}

/// <param name="Card">The member's card after the stamps (the new one when a card was completed).</param>
/// <param name="RewardsEarned">Rewards reached by these stamps.</param>
public sealed record AddStampsResult(AddStampsOutcome Outcome, StampCard? Card, IReadOnlyList<StampReward> RewardsEarned, string? Error = null);
