using System.Reflection;

namespace Membership.ArchitectureTests;

/// <summary>The assemblies of the solution, found from the host: it references every module.</summary>
internal static class SolutionAssemblies
{
    public static Assembly Web { get; } = typeof(Membership.Web.SharedResource).Assembly;

    public static Assembly Contracts { get; } = Assembly.Load("Membership.Contracts");

    public static Assembly Shared { get; } = Assembly.Load("Membership.Shared");

    /// <summary>Every Membership.* assembly the host references, except Contracts and Shared: the modules.</summary>
    public static IReadOnlyList<Assembly> Modules { get; } = Web.GetReferencedAssemblies()
        .Where(name => name.Name!.StartsWith("Membership.", StringComparison.Ordinal))
        .Where(name => name.Name is not "Membership.Contracts" and not "Membership.Shared")
        .Select(Assembly.Load)
        .OrderBy(a => a.GetName().Name)
        .ToList();

    public static IEnumerable<Assembly> All => new[] { Web, Contracts, Shared }.Concat(Modules);

    public static string NameOf(Assembly assembly) => assembly.GetName().Name!;
}
