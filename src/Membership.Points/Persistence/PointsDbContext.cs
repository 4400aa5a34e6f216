using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Persistence;

internal sealed class PointsDbContext(DbContextOptions<PointsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "points";

    public DbSet<PointsAccount> Accounts => Set<PointsAccount>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<PointsLot> Lots => Set<PointsLot>();

    public DbSet<LotConsumption> LotConsumptions => Set<LotConsumption>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<EarnRulesRecord> EarnRules => Set<EarnRulesRecord>();

    public DbSet<ExpiryReminder> ExpiryReminders => Set<ExpiryReminder>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PointsAccount>(account =>
        {
            account.ToTable("points_accounts", t => t.HasCheckConstraint("ck_points_accounts_balance_not_negative", "balance >= 0"));
            account.HasKey(a => a.MemberId);
            account.Property(a => a.MemberId).ValueGeneratedNever();
            // Every purchase and redemption updates the row: no index on balance and room on each page keep those
            // updates HOT (no index writes); the dashboard's sums read the whole table anyway.
            account.HasStorageParameter("fillfactor", 80);
        });

        modelBuilder.Entity<Purchase>(purchase =>
        {
            purchase.ToTable("points_purchases");
            purchase.HasKey(p => p.Id);
            purchase.Property(p => p.StoreCode).HasMaxLength(50);
            purchase.Property(p => p.ReceiptNumber).HasMaxLength(100);
            purchase.Property(p => p.Channel).HasMaxLength(20);
            purchase.Property(p => p.RecordedBy).HasMaxLength(256);
            purchase.Property(p => p.Total).HasPrecision(12, 2);
            purchase.Property(p => p.RefundedAmount).HasPrecision(12, 2);
            purchase.Property(p => p.Lines).HasColumnType("jsonb");
            purchase.HasIndex(p => new { p.StoreCode, p.ReceiptNumber }).IsUnique();
            purchase.HasIndex(p => new { p.MemberId, p.OccurredAt });
            purchase.HasIndex(p => p.OccurredAt);
        });

        modelBuilder.Entity<Refund>(refund =>
        {
            refund.ToTable("points_refunds");
            refund.HasKey(r => r.Id);
            refund.Property(r => r.Amount).HasPrecision(12, 2);
            refund.Property(r => r.Reason).HasMaxLength(500);
            refund.Property(r => r.RecordedBy).HasMaxLength(256);
            refund.HasIndex(r => r.PurchaseId);
            refund.HasOne<Purchase>().WithMany().HasForeignKey(r => r.PurchaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("points_ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Reason).HasMaxLength(500);
            entry.Property(e => e.RecordedBy).HasMaxLength(256);
            entry.Property(e => e.Channel).HasMaxLength(20);
            entry.HasIndex(e => new { e.MemberId, e.OccurredAt });
            entry.HasIndex(e => new { e.OccurredAt, e.Kind });
            entry.HasIndex(e => e.PurchaseId).HasFilter("purchase_id IS NOT NULL");
        });

        modelBuilder.Entity<PointsLot>(lot =>
        {
            lot.ToTable("points_lots", t => t.HasCheckConstraint("ck_points_lots_remaining", "remaining >= 0 AND remaining <= points"));
            lot.HasKey(l => l.Id);
            // FIFO spending and the balance's "expiring soon": a member's open lots by expiry.
            lot.HasIndex(l => new { l.MemberId, l.ExpiresAt }).HasFilter("remaining > 0").HasDatabaseName("ix_points_lots_open_by_member");
            // The nightly expiry: open lots by expiry across members.
            lot.HasIndex(l => l.ExpiresAt).HasFilter("remaining > 0").HasDatabaseName("ix_points_lots_open_by_expiry");
            lot.HasIndex(l => l.PurchaseId).HasFilter("purchase_id IS NOT NULL");
            lot.HasOne<LedgerEntry>().WithMany().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<LotConsumption>(consumption =>
        {
            consumption.ToTable("points_lot_consumptions");
            consumption.HasKey(c => c.Id);
            consumption.HasIndex(c => c.EntryId);
            consumption.HasIndex(c => c.LotId);
            consumption.HasOne<LedgerEntry>().WithMany().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Restrict);
            consumption.HasOne<PointsLot>().WithMany().HasForeignKey(c => c.LotId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("points_idempotency_records");
            record.HasKey(r => new { r.Scope, r.Key });
            record.Property(r => r.Scope).HasMaxLength(20);
            record.Property(r => r.Key).HasMaxLength(200);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.Response).HasColumnType("jsonb");
        });

        modelBuilder.Entity<EarnRulesRecord>(rules =>
        {
            rules.ToTable("points_earn_rules");
            rules.HasKey(r => r.Id);
            rules.Property(r => r.Id).ValueGeneratedNever();
            rules.Property(r => r.Rules).HasColumnType("jsonb");
            rules.Property(r => r.ChangedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<ExpiryReminder>(reminder =>
        {
            reminder.ToTable("points_expiry_reminders");
            reminder.HasKey(r => new { r.MemberId, r.ExpiresOn });
            reminder.HasIndex(r => r.CreatedAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_points_expiry_reminders_unsent");
        });

        modelBuilder.AddOutboxMessages(TablePrefix);
    }
}
