using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Stamps.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stamps_card_definitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    earning = table.Column<int>(type: "integer", nullable: false),
                    stamps_per_visit = table.Column<int>(type: "integer", nullable: false),
                    amount_per_stamp = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    max_stamps_per_purchase = table.Column<int>(type: "integer", nullable: true),
                    total_stamps = table.Column<int>(type: "integer", nullable: false),
                    validity_days = table.Column<int>(type: "integer", nullable: false),
                    rewards = table.Column<string>(type: "jsonb", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stamps_card_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stamps_cards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stamps = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stamps_cards", x => x.id);
                    table.ForeignKey(
                        name: "fk_stamps_cards_stamps_card_definitions_definition_id",
                        column: x => x.definition_id,
                        principalTable: "stamps_card_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stamps_earned_rewards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    card_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    earned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    handed_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handed_out_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stamps_earned_rewards", x => x.id);
                    table.ForeignKey(
                        name: "fk_stamps_earned_rewards_stamps_cards_card_id",
                        column: x => x.card_id,
                        principalTable: "stamps_cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stamps_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    card_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    stamps = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stamps_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_stamps_entries_stamps_cards_card_id",
                        column: x => x.card_id,
                        principalTable: "stamps_cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stamps_cards_definition_id",
                table: "stamps_cards",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_stamps_cards_member_id_started_at",
                table: "stamps_cards",
                columns: new[] { "member_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stamps_cards_one_open_per_member",
                table: "stamps_cards",
                columns: new[] { "member_id", "definition_id" },
                unique: true,
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_stamps_earned_rewards_card_id_threshold",
                table: "stamps_earned_rewards",
                columns: new[] { "card_id", "threshold" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stamps_earned_rewards_member_id_earned_at",
                table: "stamps_earned_rewards",
                columns: new[] { "member_id", "earned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stamps_entries_card_id",
                table: "stamps_entries",
                column: "card_id");

            migrationBuilder.CreateIndex(
                name: "ix_stamps_entries_member_id_occurred_at",
                table: "stamps_entries",
                columns: new[] { "member_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stamps_entries_purchase_id",
                table: "stamps_entries",
                column: "purchase_id",
                filter: "purchase_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_stamps_entries_source_key_card_id",
                table: "stamps_entries",
                columns: new[] { "source_key", "card_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stamps_earned_rewards");

            migrationBuilder.DropTable(
                name: "stamps_entries");

            migrationBuilder.DropTable(
                name: "stamps_cards");

            migrationBuilder.DropTable(
                name: "stamps_card_definitions");
        }
    }
}
