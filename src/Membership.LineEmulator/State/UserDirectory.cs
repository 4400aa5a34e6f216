using System.Text.Json.Nodes;

namespace Membership.LineEmulator.State;

/// <summary>The simulated users and what was delivered to each, in memory. One lock guards it all.</summary>
internal sealed class UserDirectory
{
    private readonly Dictionary<string, SimulatedUser> _users = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryAdd(SimulatedUser user)
    {
        lock (_gate)
        {
            return _users.TryAdd(user.UserId, user);
        }
    }

    public UserView? Find(string userId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var user) ? user.ToView() : null;
        }
    }

    public bool Exists(string userId)
    {
        lock (_gate)
        {
            return _users.ContainsKey(userId);
        }
    }

    public IReadOnlyList<UserView> All()
    {
        lock (_gate)
        {
            return _users.Values.Select(u => u.ToView()).ToList();
        }
    }

    /// <summary>Friends who did not block the account, in creation order (broadcast, narrowcast, follower ids).</summary>
    public IReadOnlyList<string> FriendIds()
    {
        lock (_gate)
        {
            return _users.Values.Where(u => u.IsFriend && !u.IsBlocked).Select(u => u.UserId).ToList();
        }
    }

    /// <summary>Applies a change to one user under the lock; returns false for an unknown id.</summary>
    public bool Update(string userId, Action<SimulatedUser> change)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return false;
            }

            change(user);
            return true;
        }
    }

    public IReadOnlyList<DeliveredMessage>? MessagesOf(string userId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var user) ? user.Messages.ToList() : null;
        }
    }

    /// <summary>
    /// Records the messages for each recipient that can receive them (known and not blocked) and returns how many
    /// recipients got them (their ids): LINE answers 200 for blocked users but delivers (and bills) nothing.
    /// </summary>
    /// <param name="unit">The request's <c>customAggregationUnits</c> name, kept with each message for the statistics.</param>
    public List<string> Deliver(IEnumerable<string> userIds, JsonArray messages, string endpoint, string? retryKey, DateTimeOffset at, string? unit = null)
    {
        lock (_gate)
        {
            var delivered = new List<string>();
            foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
            {
                if (!_users.TryGetValue(userId, out var user) || user.IsBlocked)
                {
                    continue;
                }

                foreach (var message in messages)
                {
                    user.Messages.Add(new DeliveredMessage(endpoint, retryKey, at, message!.DeepClone(), unit));
                }

                delivered.Add(userId);
            }

            return delivered;
        }
    }
}
