namespace Membership.Contracts.Members;

/// <summary>
/// Set-based look-ups of members for imports (e.g. sales history) and long lists: one query per few thousand keys instead of one per row.
/// Keys that match no member are left out of the answer.
/// </summary>
public interface IMemberLookup
{
    /// <returns>Member ids by the member code as given.</returns>
    Task<IReadOnlyDictionary<string, Guid>> FindIdsByCodeAsync(IReadOnlyCollection<string> memberCodes, CancellationToken ct = default);

    /// <returns>The members (erased ones too, with their data gone) by id, for lists that show many at once.</returns>
    Task<IReadOnlyDictionary<Guid, MemberSummary>> GetManyAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken ct = default);

    /// <param name="mobiles">Taiwan mobiles in any common format.</param>
    /// <returns>Member ids by the mobile as given.</returns>
    Task<IReadOnlyDictionary<string, Guid>> FindIdsByMobileAsync(IReadOnlyCollection<string> mobiles, CancellationToken ct = default);
}
