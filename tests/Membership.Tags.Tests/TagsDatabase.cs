using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Tags.Persistence;
using Membership.Testing.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tags.Tests;

/// <summary>The Tags module on its own database (only its migrations), with fakes of Members' look-ups and of Segmentation.</summary>
public sealed class TagsDatabase : ModuleDatabase
{
    public static readonly TagActor Staff = TagActor.Staff("staff@test");

    internal FakeMemberLookup Lookup { get; } = new();

    internal FakeSegmentation Segmentation { get; } = new();

    public ITagsModule Tags => Get<ITagsModule>();

    protected override void AddModule(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IMemberLookup>(Lookup);
        services.AddSingleton<ISegmentationModule>(Segmentation.Proxy);
        services.AddTagsModule(configuration);
    }

    /// <summary>A member known to Members (and its look-ups by code and, when given, mobile).</summary>
    public MemberSummary AddMember(string? mobile = null)
    {
        var member = Members.Add();
        Lookup.Add(member.Id, member.MemberCode, mobile);
        return member;
    }

    public async Task<TagDefinition> AddTagAsync(string? name = null)
    {
        var result = await Tags.SaveTagAsync(new SaveTagRequest(null, name ?? $"tag-{Guid.NewGuid():N}"[..20], null, null, TagKind.Manual, Staff));
        Assert.Equal(SaveTagOutcome.Saved, result.Outcome);
        return result.Tag!;
    }

    public async Task<TagRule> AddRuleAsync(
        TagRuleKind kind, KeywordMatch match = KeywordMatch.Equals, string? keyword = null, string? category = null,
        decimal? minimum = null, Guid? segmentId = null)
    {
        var tag = await AddTagAsync();
        var result = await Tags.SaveRuleAsync(new SaveTagRuleRequest(
            null, $"rule {kind} {Guid.NewGuid():N}"[..30], tag.Id, kind, match, keyword, category, minimum, segmentId, true, Staff));
        Assert.True(result.Succeeded, result.Error);
        return result.Rule!;
    }

    public Task DeliverAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class =>
        Get<IIntegrationEventHandler<TEvent>>().HandleAsync(integrationEvent, Guid.NewGuid(), CancellationToken.None);

    public async Task<bool> HasTagAsync(Guid memberId, Guid tagId) =>
        (await Tags.GetMemberTagsAsync(memberId)).Any(t => t.TagId == tagId);

    public async Task<TagRule> RuleAsync(Guid ruleId) => (await Tags.ListRulesAsync()).Single(r => r.Id == ruleId);

    /// <summary>The events the module saved to its outbox, of one type.</summary>
    internal async Task<List<TEvent>> RaisedAsync<TEvent>()
    {
        await using var db = await Get<IDbContextFactory<TagsDbContext>>().CreateDbContextAsync();
        var type = typeof(TEvent).AssemblyQualifiedName;
        var payloads = await db.Outbox.AsNoTracking().Where(m => m.Type == type).OrderBy(m => m.OccurredAt).Select(m => m.Payload).ToListAsync();
        return payloads.Select(p => JsonSerializer.Deserialize<TEvent>(p, JsonSerializerOptions.Web)!).ToList();
    }
}

internal sealed class FakeMemberLookup : IMemberLookup
{
    private readonly ConcurrentDictionary<string, Guid> _codes = new();
    private readonly ConcurrentDictionary<string, Guid> _mobiles = new();
    private readonly ConcurrentDictionary<Guid, string> _ids = new();

    public void Add(Guid id, string code, string? mobile)
    {
        _codes[code] = id;
        _ids[id] = code;
        if (mobile is not null)
        {
            _mobiles[Digits(mobile)] = id;
        }
    }

    public Task<IReadOnlyDictionary<string, Guid>> FindIdsByCodeAsync(IReadOnlyCollection<string> memberCodes, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, Guid>>(memberCodes.Distinct().Where(_codes.ContainsKey).ToDictionary(c => c, c => _codes[c]));

    public Task<IReadOnlyDictionary<string, Guid>> FindIdsByMobileAsync(IReadOnlyCollection<string> mobiles, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, Guid>>(
            mobiles.Distinct().Where(m => _mobiles.ContainsKey(Digits(m))).ToDictionary(m => m, m => _mobiles[Digits(m)]));

    public Task<IReadOnlyDictionary<Guid, string>> FindCodesByIdAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(memberIds.Distinct().Where(_ids.ContainsKey).ToDictionary(i => i, i => _ids[i]));

    private static string Digits(string mobile) => new(mobile.Where(char.IsAsciiDigit).ToArray());
}

/// <summary>Saved segments whose members the test sets by hand.</summary>
internal sealed class FakeSegmentation
{
    public FakeSegmentation()
    {
        Proxy = Membership.Testing.Fakes.CallRecorder.Create<ISegmentationModule>(out var recorder);
        recorder
            .Answer(nameof(ISegmentationModule.GetSegmentAsync), args => Segments.TryGetValue((Guid)args[0]!, out var members)
                ? new SavedSegment((Guid)args[0]!, "segment", null, new SegmentAll([new SegmentCondition("tag", "has", JsonSerializer.SerializeToElement(((Guid)args[0]!).ToString()))]),
                    "{}", DateTimeOffset.UtcNow, "test", DateTimeOffset.UtcNow, null)
                : null)
            .Answer(nameof(ISegmentationModule.StreamMemberIdsAsync), args => Stream(args[0] as SegmentAll));
    }

    public ISegmentationModule Proxy { get; }

    /// <summary>Members per saved segment id.</summary>
    public ConcurrentDictionary<Guid, Guid[]> Segments { get; } = new();

    private async IAsyncEnumerable<Guid> Stream(SegmentAll? definition, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var id = Guid.Parse(((SegmentCondition)definition!.Items[0]).Value.GetString()!);
        foreach (var member in Segments[id])
        {
            await Task.Yield();
            yield return member;
        }
    }
}
