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
    /// <summary>Adds friends in bulk (load tests); ids already known are left as they are. Returns how many were added.</summary>
    public int AddFriends(IEnumerable<string> userIds)
    {
        lock (_gate)
        {
            var added = 0;
            foreach (var id in userIds)
            {
                if (_users.TryAdd(id, new SimulatedUser(id, id[..9]) { IsFriend = true }))
                {
                    added++;
                }
            }

            return added;
        }
    }

    /// <summary>For one aggregation unit: users who got its messages, messages delivered, and users who got messages from more than one request, and the requests (retry keys) that delivered them.</summary>
    public (int Users, long Messages, int Duplicated, int RetryKeys) Audit(string unit)
    {
        lock (_gate)
        {
            var (users, messages, duplicated) = (0, 0L, 0);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var user in _users.Values)
            {
                var mine = user.Messages.Where(m => m.Unit == unit).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                users++;
                messages += mine.Count;
                keys.UnionWith(mine.Select(m => m.RetryKey ?? ""));
                // A campaign sends each recipient one request (one retry key): messages from a second request are a duplicate.
                if (mine.Select(m => m.RetryKey).Distinct().Count() > 1)
                {
                    duplicated++;
                }
            }

            return (users, messages, duplicated, keys.Count);
        }
    }

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
            // One copy per request shared by its recipients (never modified after): a 500-user multicast stores it once.
            var copies = messages.Select(m => m!.DeepClone()).ToList();
            foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
            {
                if (!_users.TryGetValue(userId, out var user) || user.IsBlocked)
                {
                    continue;
                }

                foreach (var message in copies)
                {
                    user.Messages.Add(new DeliveredMessage(endpoint, retryKey, at, message, unit));
                }

                delivered.Add(userId);
            }

            return delivered;
        }
    }
}
