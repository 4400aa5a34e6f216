using System.Reflection;

namespace Membership.Benchmarks.Infrastructure;

/// <summary>Folders baked in at build time, so the program works from any working directory.</summary>
internal static class ProjectPaths
{
    public static string ProjectDirectory { get; } = typeof(ProjectPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    public static string Results { get; } = Path.Combine(ProjectDirectory, "results");
}
