using System.Reflection;
using NetArchTest.Rules;

namespace Membership.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    public static TheoryData<string> ModuleNames()
    {
        var data = new TheoryData<string>();
        foreach (var module in SolutionAssemblies.Modules)
        {
            data.Add(SolutionAssemblies.NameOf(module));
        }

        // Until the first module lands, check the rule machinery on Shared, which is held to the same edges.
        if (data.Count == 0)
        {
            data.Add("Membership.Shared");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_does_not_depend_on_another_module_or_the_host(string moduleName)
    {
        var forbidden = SolutionAssemblies.Modules
            .Select(SolutionAssemblies.NameOf)
            .Where(name => name != moduleName)
            .Append("Membership.Web")
            .ToArray();

        var result = Types.InAssembly(Assembly.Load(moduleName)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_modules_only_public_types_are_its_registration_classes(string moduleName)
    {
        if (moduleName == "Membership.Shared")
        {
            return; // Shared is plumbing, public by design; the rule is for modules
        }

        var result = Types.InAssembly(Assembly.Load(moduleName))
            .That().ArePublic()
            .And().ResideInNamespaceMatching(@"^(?!.*\.Migrations$).*")
            .Should().HaveNameEndingWith("ModuleExtensions")
            .GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_db_contexts_and_jobs_are_internal(string moduleName)
    {
        var types = Assembly.Load(moduleName).GetTypes();
        var exposed = types
            .Where(t => t.IsPublic && (typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(t) || t.Name.EndsWith("Job", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(exposed);
    }

    [Fact]
    public void Contracts_use_no_ef_core_and_no_asp_net_core()
    {
        var result = Types.InAssembly(SolutionAssemblies.Contracts)
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql")
            .GetResult();

        Assert.True(result.IsSuccessful, Offenders(result));
    }

    [Fact]
    public void Shared_and_contracts_know_no_module_and_not_the_host()
    {
        var forbidden = SolutionAssemblies.Modules.Select(SolutionAssemblies.NameOf).Append("Membership.Web").ToArray();

        var shared = Types.InAssembly(SolutionAssemblies.Shared).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        var contracts = Types.InAssembly(SolutionAssemblies.Contracts).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(shared.IsSuccessful, Offenders(shared));
        Assert.True(contracts.IsSuccessful, Offenders(contracts));
    }

    [Fact]
    public void The_dependency_rule_does_catch_a_real_dependency()
    {
        // Guards the guards: the host does depend on Shared, so the same rule must fail on it.
        var result = Types.InAssembly(SolutionAssemblies.Web).ShouldNot().HaveDependencyOnAny("Membership.Shared").GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static string Offenders(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
