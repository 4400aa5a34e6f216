namespace Membership.Web.Points;

/// <summary>
/// The stores the counter screen offers, from <c>Counter:Stores</c> (a list of <c>{ "Code": "TPE01", "Name": "台北店" }</c>).
/// A fixed list rather than free text: receipt numbers are unique per store code, and tiers, stamps and RFM group by
/// store, so a typo ("tpe01 ") would split one store in two. Without configuration there is one store, <see cref="DefaultCode"/>.
/// </summary>
public sealed class CounterStores
{
    public const string Section = "Counter:Stores";
    public const string DefaultCode = "MAIN";

    public CounterStores(IConfiguration configuration)
    {
        var stores = configuration.GetSection(Section).Get<List<CounterStore>>() ?? [];
        All = stores.Where(s => !string.IsNullOrWhiteSpace(s.Code))
            .Select(s => s with { Code = s.Code.Trim(), Name = string.IsNullOrWhiteSpace(s.Name) ? s.Code.Trim() : s.Name.Trim() })
            .DistinctBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (All.Count == 0)
        {
            All = [new CounterStore(DefaultCode, null)];
        }
    }

    public IReadOnlyList<CounterStore> All { get; }
}

/// <param name="Name">Shown on the counter; null shows the localized name of the default store.</param>
public sealed record CounterStore(string Code, string? Name);
