using System.Reflection;
using Membership.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Membership.ArchitectureTests;

/// <summary>A module owns its tables: each context maps only tables named with its own prefix (no database needed).</summary>
public sealed class DbContextModelTests
{
    public static TheoryData<string> ContextTypes() => new(ContextTypeNames());

    private static IEnumerable<string> ContextTypeNames() => SolutionAssemblies.All
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsAbstract && typeof(DbContext).IsAssignableFrom(t))
        .Select(t => t.AssemblyQualifiedName!);

    [Theory]
    [MemberData(nameof(ContextTypes))]
    public void A_context_maps_only_tables_with_its_prefix(string contextType)
    {
        var type = Type.GetType(contextType, throwOnError: true)!;
        var prefix = (string?)type.GetField("TablePrefix", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
        Assert.False(string.IsNullOrEmpty(prefix), $"{type.Name} must declare a const TablePrefix");

        using var context = Create(type, prefix!);
        var tables = context.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .Select(e => e.GetTableName()!)
            .ToList();

        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.StartsWith(prefix + "_", table, StringComparison.Ordinal));
        Assert.Equal($"{prefix}_ef_migrations_history", HistoryTableName(context));
    }

    [Fact]
    public void The_host_context_is_among_the_contexts_checked()
    {
        Assert.Contains(ContextTypeNames(), name => name.StartsWith("Membership.Web.Persistence.AppDbContext", StringComparison.Ordinal));
    }

    private static DbContext Create(Type type, string prefix)
    {
        var optionsType = typeof(DbContextOptionsBuilder<>).MakeGenericType(type);
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(optionsType)!;
        builder.UseMembershipDatabase("Host=localhost;Database=model_only", prefix);
        return (DbContext)Activator.CreateInstance(type, builder.Options)!;
    }

    private static string? HistoryTableName(DbContext context) =>
        context.GetService<IDbContextOptions>()
            .Extensions.OfType<RelationalOptionsExtension>()
            .Single().MigrationsHistoryTableName;
}
