using Microsoft.EntityFrameworkCore;

namespace Membership.Shared.Outbox;

/// <summary>An event for other modules, saved with the change that raised it and delivered by the outbox dispatcher.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public static OutboxMessage For<TEvent>(TEvent integrationEvent, DateTimeOffset occurredAt)
        where TEvent : class
    {
        var (type, payload) = OutboxMessages.Serialize(integrationEvent);
        return new OutboxMessage { Id = Guid.CreateVersion7(), Type = type, Payload = payload, OccurredAt = occurredAt };
    }
}

public static class OutboxModelExtensions
{
    /// <summary>Maps the module's <c>&lt;prefix&gt;_outbox_messages</c>, the table <see cref="OutboxDispatcher{TContext}"/> reads.</summary>
    public static ModelBuilder AddOutboxMessages(this ModelBuilder modelBuilder, string tablePrefix) =>
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable($"{tablePrefix}_outbox_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Type).HasMaxLength(200);
            message.Property(m => m.Payload).HasColumnType("jsonb");
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.HasIndex(m => m.OccurredAt).HasFilter("processed_at IS NULL").HasDatabaseName($"ix_{tablePrefix}_outbox_messages_due");
        });
}
