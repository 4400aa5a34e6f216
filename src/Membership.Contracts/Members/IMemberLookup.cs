namespace Membership.Contracts.Members;

/// <summary>
/// Set-based look-ups of member ids for imports (e.g. sales history): one query per few thousand keys instead of one per row.
/// Keys that match no member are left out of the answer.
/// </summary>
public interface IMemberLookup
{
    /// <returns>Member ids by the member code as given.</returns>
    Task<IReadOnlyDictionary<string, Guid>> FindIdsByCodeAsync(IReadOnlyCollection<string> memberCodes, CancellationToken ct = default);

    /// <param name="mobiles">Taiwan mobiles in any common format.</param>
    /// <returns>Member ids by the mobile as given.</returns>
    Task<IReadOnlyDictionary<string, Guid>> FindIdsByMobileAsync(IReadOnlyCollection<string> mobiles, CancellationToken ct = default);
}
