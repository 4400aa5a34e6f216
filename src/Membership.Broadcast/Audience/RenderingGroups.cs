using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Dispatch;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Membership.Broadcast.Audience;

/// <summary>A batch whose recipients all get the same rendering, sent by one multicast.</summary>
internal sealed record SharedRendering(int Seq, string MessagesJson);

/// <summary>
/// Groups a personalised campaign's frozen recipients by their rendered messages (e.g. <c>{{ tier }}</c> gives one
/// rendering per tier): a group of at least <see cref="BroadcastOptions.MulticastGroupMinimum"/> members goes by
/// multicast in batches of ≤ 500 with the rendering stored on the batch, so every retry sends the same content; the
/// others stay one push each, rendered at send time. Only for campaigns without per-recipient links or coupons.
/// </summary>
internal sealed class RenderingGroups(PersonalFieldsReader personalFields, IOptions<BroadcastOptions> options)
{
    private const int ReadChunk = 5000;

    private sealed class Group
    {
        public List<Guid> Members { get; } = new(1);

        public string? Json { get; set; }
    }

    /// <summary>Renumbers the recipients' batches inside the freeze's transaction; returns the shared renderings (none: nothing changed).</summary>
    public async Task<IReadOnlyList<SharedRendering>> RenumberAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid campaignId, MessageRenderer renderer, CancellationToken ct)
    {
        var groups = await RenderAllAsync(connection, transaction, campaignId, renderer, ct);
        var minimum = Math.Max(options.Value.MulticastGroupMinimum, 2);
        if (!groups.Values.Any(g => g.Members.Count >= minimum))
        {
            return [];
        }

        var (members, seqs, shared) = Number(groups.Values, minimum);
        await using var update = new NpgsqlCommand("""
            UPDATE broadcast_recipients r SET batch_seq = u.seq
            FROM unnest(@members, @seqs) AS u(member_id, seq)
            WHERE r.campaign_id = @campaign_id AND r.member_id = u.member_id
            """, connection, transaction) { CommandTimeout = 0 };
        update.Parameters.AddWithValue("campaign_id", campaignId);
        update.Parameters.AddWithValue("members", members);
        update.Parameters.AddWithValue("seqs", seqs);
        await update.ExecuteNonQueryAsync(ct);
        return shared;
    }

    /// <summary>Stores each shared rendering on its batch, once the batches exist.</summary>
    public static async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid campaignId, IReadOnlyList<SharedRendering> shared, CancellationToken ct)
    {
        await using var store = new NpgsqlCommand("""
            UPDATE broadcast_batches b SET messages_json = u.json::jsonb
            FROM unnest(@seqs, @jsons) AS u(seq, json)
            WHERE b.campaign_id = @campaign_id AND b.seq = u.seq
            """, connection, transaction);
        store.Parameters.AddWithValue("campaign_id", campaignId);
        store.Parameters.AddWithValue("seqs", shared.Select(s => s.Seq).ToArray());
        store.Parameters.AddWithValue("jsons", shared.Select(s => s.MessagesJson).ToArray());
        await store.ExecuteNonQueryAsync(ct);
    }

    // Keyed by a hash of the rendering: a rendering is kept only once a second member shares it.
    private async Task<Dictionary<UInt128, Group>> RenderAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid campaignId, MessageRenderer renderer, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using (var read = new NpgsqlCommand(
            "SELECT member_id FROM broadcast_recipients WHERE campaign_id = @campaign_id AND status = 0 ORDER BY member_id", connection, transaction))
        {
            read.Parameters.AddWithValue("campaign_id", campaignId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var groups = new Dictionary<UInt128, Group>();
        foreach (var chunk in ids.Chunk(ReadChunk))
        {
            var fields = await personalFields.ReadAsync(chunk, ct);
            foreach (var member in chunk)
            {
                var json = JsonSerializer.Serialize(await renderer.RenderJsonAsync(fields.GetValueOrDefault(member) ?? PersonalFields.Unknown));
                var key = BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new Group();
                }

                group.Members.Add(member);
                if (group.Members.Count == 2)
                {
                    group.Json = json;
                }
            }
        }

        return groups;
    }

    private static (Guid[] Members, int[] Seqs, List<SharedRendering> Shared) Number(IEnumerable<Group> groups, int minimum)
    {
        var members = new List<Guid>();
        var seqs = new List<int>();
        var shared = new List<SharedRendering>();
        var seq = 0;
        foreach (var group in groups)
        {
            if (group.Members.Count >= minimum)
            {
                foreach (var batch in group.Members.Chunk(AudienceFreezer.MulticastSize))
                {
                    shared.Add(new SharedRendering(seq, group.Json!));
                    members.AddRange(batch);
                    seqs.AddRange(Enumerable.Repeat(seq++, batch.Length));
                }
            }
            else
            {
                foreach (var member in group.Members)
                {
                    members.Add(member);
                    seqs.Add(seq++);
                }
            }
        }

        return (members.ToArray(), seqs.ToArray(), shared);
    }
}
