using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Stamps;
using Membership.Testing;
using Membership.Testing.Fakes;

namespace Membership.Stamps.Tests;

/// <summary>The Stamps module on its own test database; purchases and refunds arrive as events.</summary>
public abstract class StampsTestBase(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    internal ModuleServices Module { get; } = new(database.ConnectionString, (services, configuration) => services.AddStampsModule(configuration));

    internal IStampsModule Stamps => Module.Scoped<IStampsModule>();

    public Task InitializeAsync() => Module.MigrateAsync();

    public async Task DisposeAsync() => await Module.DisposeAsync();

    /// <summary>A new active card (other tests' cards are made inactive so each test sees only its own).</summary>
    internal async Task<StampCardDefinition> DefineAsync(
        int total = 10, StampEarning earning = StampEarning.PerVisit, decimal? perAmount = null, int? cap = null, int validityDays = 365, params int[] thresholds)
    {
        foreach (var other in (await Stamps.GetDefinitionsAsync()).Where(d => d.Active))
        {
            await Stamps.SaveDefinitionAsync(other with { Active = false }, "owner@test");
        }

        var definition = new StampCardDefinition(Guid.Empty, "咖啡集點卡", earning, earning == StampEarning.PerVisit ? 1 : 0, perAmount, cap, total, validityDays,
            thresholds.Select(t => new StampReward(t, $"禮物 {t}")).ToList(), Active: true);
        var saved = await Stamps.SaveDefinitionAsync(definition, "owner@test");
        Assert.True(saved.Succeeded, string.Join(",", saved.Errors));
        return definition with { Id = saved.Id!.Value };
    }

    internal async Task<PurchaseRecorded> PurchaseAsync(Guid memberId, decimal total = 200, bool imported = false)
    {
        var purchase = new PurchaseRecorded(Guid.NewGuid(), memberId, "TPE01", "R" + Guid.NewGuid().ToString("N")[..10], total,
            Module.Clock.GetUtcNow(), PurchaseChannels.Pos, [], 0, imported);
        await DeliverAsync(purchase);
        return purchase;
    }

    internal Task DeliverAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class =>
        Module.Scoped<IIntegrationEventHandler<TEvent>>().HandleAsync(integrationEvent, Guid.NewGuid(), CancellationToken.None);

    internal Task RefundAsync(PurchaseRecorded purchase, decimal amount, bool fully) =>
        DeliverAsync(new PurchaseRefunded(purchase.PurchaseId, Guid.NewGuid(), purchase.MemberId, amount, 0, Module.Clock.GetUtcNow(), fully));

    internal async Task<StampCard> OpenCardAsync(Guid memberId, Guid definitionId) =>
        (await Stamps.GetMemberCardsAsync(memberId)).First(c => c.DefinitionId == definitionId);
}
