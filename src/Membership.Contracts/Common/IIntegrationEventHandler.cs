namespace Membership.Contracts.Common;

/// <summary>
/// Reacts to another module's event (e.g. <c>GrantWelcomeGiftOnMemberRegistered</c>). Delivery is at least once:
/// use <paramref name="messageId"/> to recognise a repeat.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : class
{
    Task HandleAsync(TEvent integrationEvent, Guid messageId, CancellationToken ct);
}
