using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Points.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_accounts",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    balance = table.Column<int>(type: "integer", nullable: false),
                    lifetime_earned = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_accounts", x => x.member_id);
                    table.CheckConstraint("ck_points_accounts_balance_not_negative", "balance >= 0");
                });

            migrationBuilder.CreateTable(
                name: "points_earn_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_earn_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_expiry_reminders",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_expiry_reminders", x => new { x.member_id, x.expires_on });
                });

            migrationBuilder.CreateTable(
                name: "points_idempotency_records",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    response = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_idempotency_records", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "points_ledger_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    balance_after = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_purchases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    store_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    receipt_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    refunded_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    points_earned = table.Column<int>(type: "integer", nullable: false),
                    points_reversed = table.Column<int>(type: "integer", nullable: false),
                    imported = table.Column<bool>(type: "boolean", nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_purchases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: true),
                    points = table.Column<int>(type: "integer", nullable: false),
                    remaining = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_lots", x => x.id);
                    table.CheckConstraint("ck_points_lots_remaining", "remaining >= 0 AND remaining <= points");
                    table.ForeignKey(
                        name: "fk_points_lots_points_ledger_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "points_ledger_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    points_reversed = table.Column<int>(type: "integer", nullable: false),
                    points_shortfall = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_refunds", x => x.id);
                    table.ForeignKey(
                        name: "fk_points_refunds_points_purchases_purchase_id",
                        column: x => x.purchase_id,
                        principalTable: "points_purchases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "points_lot_consumptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_lot_consumptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_points_lot_consumptions_points_ledger_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "points_ledger_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_points_lot_consumptions_points_lots_lot_id",
                        column: x => x.lot_id,
                        principalTable: "points_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_points_accounts_balance",
                table: "points_accounts",
                column: "balance",
                filter: "balance > 0");

            migrationBuilder.CreateIndex(
                name: "ix_points_expiry_reminders_unsent",
                table: "points_expiry_reminders",
                column: "created_at",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_points_ledger_entries_member_id_occurred_at",
                table: "points_ledger_entries",
                columns: new[] { "member_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_ledger_entries_occurred_at_kind",
                table: "points_ledger_entries",
                columns: new[] { "occurred_at", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_points_ledger_entries_purchase_id",
                table: "points_ledger_entries",
                column: "purchase_id",
                filter: "purchase_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_points_lot_consumptions_entry_id",
                table: "points_lot_consumptions",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_lot_consumptions_lot_id",
                table: "points_lot_consumptions",
                column: "lot_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_entry_id",
                table: "points_lots",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_open_by_expiry",
                table: "points_lots",
                column: "expires_at",
                filter: "remaining > 0");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_open_by_member",
                table: "points_lots",
                columns: new[] { "member_id", "expires_at" },
                filter: "remaining > 0");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_purchase_id",
                table: "points_lots",
                column: "purchase_id",
                filter: "purchase_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_points_outbox_messages_due",
                table: "points_outbox_messages",
                column: "occurred_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_points_purchases_member_id_occurred_at",
                table: "points_purchases",
                columns: new[] { "member_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_purchases_occurred_at",
                table: "points_purchases",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_points_purchases_store_code_receipt_number",
                table: "points_purchases",
                columns: new[] { "store_code", "receipt_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_points_refunds_purchase_id",
                table: "points_refunds",
                column: "purchase_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_accounts");

            migrationBuilder.DropTable(
                name: "points_earn_rules");

            migrationBuilder.DropTable(
                name: "points_expiry_reminders");

            migrationBuilder.DropTable(
                name: "points_idempotency_records");

            migrationBuilder.DropTable(
                name: "points_lot_consumptions");

            migrationBuilder.DropTable(
                name: "points_outbox_messages");

            migrationBuilder.DropTable(
                name: "points_refunds");

            migrationBuilder.DropTable(
                name: "points_lots");

            migrationBuilder.DropTable(
                name: "points_purchases");

            migrationBuilder.DropTable(
                name: "points_ledger_entries");
        }
    }
}
