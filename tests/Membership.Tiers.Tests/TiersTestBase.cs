using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Tiers;
using Membership.Testing;
using Membership.Testing.Fakes;
using Membership.Tiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Tests;

/// <summary>The Tiers module on its own test database; purchases arrive as events, the way the Points outbox delivers them.</summary>
public abstract class TiersTestBase(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    internal ModuleServices Module { get; } = new(database.ConnectionString, (services, configuration) => services.AddTiersModule(configuration));

    internal ITiersModule Tiers => Module.Scoped<ITiersModule>();

    public Task InitializeAsync() => Module.MigrateAsync();

    public async Task DisposeAsync() => await Module.DisposeAsync();

    internal async Task<PurchaseRecorded> PurchaseAsync(Guid memberId, decimal total, int points = 0, DateTimeOffset? at = null, bool imported = false)
    {
        var purchase = new PurchaseRecorded(Guid.NewGuid(), memberId, "TPE01", $"R{Guid.NewGuid():N}"[..12], total,
            at ?? Module.Clock.GetUtcNow(), imported ? PurchaseChannels.Import : PurchaseChannels.Pos, [], points, imported);
        await DeliverAsync(purchase);
        return purchase;
    }

    internal Task DeliverAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class =>
        Module.Scoped<IIntegrationEventHandler<TEvent>>().HandleAsync(integrationEvent, Guid.NewGuid(), CancellationToken.None);

    internal async Task<List<T>> QueryAsync<T>(Func<TiersDbContext, IQueryable<T>> query)
    {
        await using var db = await Module.Get<IDbContextFactory<TiersDbContext>>().CreateDbContextAsync();
        return await query(db).ToListAsync();
    }

    internal Task<List<MemberTierChanged>> RaisedAsync(Guid memberId) => QueryAsync(db => db.Outbox.AsNoTracking())
        .ContinueWith(t => t.Result
            .Select(m => System.Text.Json.JsonSerializer.Deserialize<MemberTierChanged>(m.Payload, System.Text.Json.JsonSerializerOptions.Web)!)
            .Where(e => e.MemberId == memberId).ToList(), TaskScheduler.Default);
}
