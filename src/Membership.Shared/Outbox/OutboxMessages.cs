using System.Text.Json;

namespace Membership.Shared.Outbox;

/// <summary>How an event is written to a module's <c>&lt;prefix&gt;_outbox_messages</c>: its type name and JSON.</summary>
public static class OutboxMessages
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static (string Type, string Payload) Serialize<TEvent>(TEvent integrationEvent)
        where TEvent : class =>
        (typeof(TEvent).AssemblyQualifiedName!, JsonSerializer.Serialize(integrationEvent, Json));
}
