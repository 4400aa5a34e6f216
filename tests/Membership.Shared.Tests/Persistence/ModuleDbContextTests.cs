using Membership.Contracts.Common;
using Membership.Shared.Paging;
using Membership.Shared.Persistence;
using Membership.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Shared.Tests.Persistence;

public sealed class ModuleDbContextTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_module_context_uses_snake_case_and_pages_on_postgres()
    {
        await using var services = Services(database.ConnectionString);
        var factory = services.GetRequiredService<IDbContextFactory<WidgetsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await CreateTableAsync(db);
        await db.Database.ExecuteSqlRawAsync("TRUNCATE widgets_items");
        db.Items.AddRange(Enumerable.Range(1, 30).Select(i => new Widget { Id = i, DisplayName = $"w{i:00}" }));
        await db.SaveChangesAsync();

        var page = await db.Items.OrderBy(w => w.Id).Select(w => w.DisplayName).ToPagedResultAsync(new PageRequest(2, 10));

        Assert.Equal(30, page.TotalCount);
        Assert.Equal(Enumerable.Range(11, 10).Select(i => $"w{i:00}"), page.Items);
        Assert.Equal(3, page.PageCount);
    }

    [Fact]
    public async Task Contexts_are_pooled_and_come_back_reset()
    {
        await using var services = Services(database.ConnectionString);
        var factory = services.GetRequiredService<IDbContextFactory<WidgetsDbContext>>();
        WidgetsDbContext first;
        await using (first = await factory.CreateDbContextAsync())
        {
            first.Database.AutoSavepointsEnabled = false;
            first.Items.Add(new Widget { Id = 1, DisplayName = "unsaved" });
        }

        await using var second = await factory.CreateDbContextAsync();

        Assert.Same(first, second);
        Assert.True(second.Database.AutoSavepointsEnabled);
        Assert.Empty(second.ChangeTracker.Entries());
    }

    [Fact]
    public async Task An_empty_query_returns_an_empty_page_without_fetching()
    {
        await using var services = Services(database.ConnectionString);
        await using var db = await services.GetRequiredService<IDbContextFactory<WidgetsDbContext>>().CreateDbContextAsync();
        await CreateTableAsync(db);

        var page = await db.Items.Where(w => w.Id < 0).OrderBy(w => w.Id).ToPagedResultAsync(new PageRequest(5, 10));

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task Migrations_run_in_registration_order_and_can_be_turned_off()
    {
        var ran = new List<string>();

        await Host(ran, migrateOnStartup: true).MigrateModulesAsync();
        await Host(ran, migrateOnStartup: false).MigrateModulesAsync();

        Assert.Equal(["first", "second"], ran);
    }

    [Fact]
    public void A_missing_connection_string_says_how_to_give_one()
    {
        var empty = new ConfigurationBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => ModuleDbContextExtensions.GetConnectionString(empty));

        Assert.Contains("ConnectionStrings__Membership", error.Message, StringComparison.Ordinal);
    }

    private static Task CreateTableAsync(WidgetsDbContext db) =>
        db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS widgets_items (id integer PRIMARY KEY, display_name text NOT NULL)");

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Membership"] = connectionString })
            .Build();
        return new ServiceCollection().AddModuleDbContext<WidgetsDbContext>(configuration, "widgets").BuildServiceProvider();
    }

    private static IHost Host(List<string> ran, bool migrateOnStartup)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["Database:MigrateOnStartup"] = migrateOnStartup.ToString();
        builder.Services.AddSingleton<IModuleMigrator>(new RecordingMigrator("first", ran));
        builder.Services.AddSingleton<IModuleMigrator>(new RecordingMigrator("second", ran));
        return builder.Build();
    }

    private sealed class RecordingMigrator(string prefix, List<string> ran) : IModuleMigrator
    {
        public string TablePrefix => prefix;

        public Task MigrateAsync(CancellationToken ct)
        {
            ran.Add(prefix);
            return Task.CompletedTask;
        }
    }
}

public sealed class Widget
{
    public int Id { get; set; }
    public string DisplayName { get; set; } = "";
}

public sealed class WidgetsDbContext(DbContextOptions<WidgetsDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Items => Set<Widget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Widget>().ToTable("widgets_items");
}
