using Microsoft.AspNetCore.Components;

namespace Membership.Web.Points;

/// <summary>
/// The counter screen's extension point: other modules' pages (rewards, coupons, stamp cards) add a panel with
/// <see cref="PointsPagesExtensions.AddCounterPanel{TComponent}"/>; the counter shows each one under the found member,
/// passing a <see cref="CounterMember"/> as the <c>Member</c> parameter.
/// </summary>
public sealed class CounterPanels(IEnumerable<CounterPanel> panels)
{
    public IReadOnlyList<CounterPanel> All { get; } = panels.OrderBy(p => p.Order).ToList();
}

public sealed record CounterPanel(Type Component, int Order);

/// <summary>The member found at the counter, as panels see it.</summary>
/// <param name="BalanceChanged">Call after spending or giving points so the counter shows the new balance.</param>
public sealed record CounterMember(Guid MemberId, string MemberCode, string? Name, int Balance, string StoreCode, Func<Task> BalanceChanged);

/// <summary>What a counter panel component declares (a convention, checked when the panel is added).</summary>
public interface ICounterPanelComponent : IComponent
{
    CounterMember Member { get; set; }
}
