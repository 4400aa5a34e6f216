using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Membership.Tiers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tiers_definitions",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_en = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    threshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    points_multiplier = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    birthday_gift = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    birthday_points = table.Column<int>(type: "integer", nullable: false),
                    benefits = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers_definitions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "tiers_member_tier_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_tier_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    to_tier_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from_rank = table.Column<int>(type: "integer", nullable: false),
                    to_rank = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers_member_tier_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tiers_member_tiers",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tier_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers_member_tiers", x => x.member_id);
                });

            migrationBuilder.CreateTable(
                name: "tiers_outbox_messages",
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
                    table.PrimaryKey("pk_tiers_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tiers_qualifying_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    purchase_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers_qualifying_activities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tiers_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    basis = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers_settings", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "tiers_definitions",
                columns: new[] { "code", "benefits", "birthday_gift", "birthday_points", "name_en", "name_zh", "points_multiplier", "rank", "threshold" },
                values: new object[,]
                {
                    { "black", null, "生日禮 800 點", 800, "Black", "黑卡", 2m, 3, 80000m },
                    { "gold", null, "生日禮 300 點", 300, "Gold", "金卡", 1.5m, 2, 30000m },
                    { "regular", null, null, 0, "Regular", "一般", 1m, 0, 0m },
                    { "silver", null, "生日禮 100 點", 100, "Silver", "銀卡", 1.2m, 1, 10000m }
                });

            migrationBuilder.InsertData(
                table: "tiers_settings",
                columns: new[] { "id", "basis", "updated_at", "updated_by" },
                values: new object[] { 1, 0, null, null });

            migrationBuilder.CreateIndex(
                name: "ix_tiers_definitions_rank",
                table: "tiers_definitions",
                column: "rank",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tiers_member_tier_changes_member_id_changed_at",
                table: "tiers_member_tier_changes",
                columns: new[] { "member_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tiers_member_tiers_review_on",
                table: "tiers_member_tiers",
                column: "review_on",
                filter: "review_on IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tiers_member_tiers_tier_code",
                table: "tiers_member_tiers",
                column: "tier_code");

            migrationBuilder.CreateIndex(
                name: "ix_tiers_outbox_messages_due",
                table: "tiers_outbox_messages",
                column: "occurred_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tiers_qualifying_activities_member_id_occurred_at",
                table: "tiers_qualifying_activities",
                columns: new[] { "member_id", "occurred_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount", "points" });

            migrationBuilder.CreateIndex(
                name: "ix_tiers_qualifying_activities_purchase_id",
                table: "tiers_qualifying_activities",
                column: "purchase_id");

            migrationBuilder.CreateIndex(
                name: "ix_tiers_qualifying_activities_source_key",
                table: "tiers_qualifying_activities",
                column: "source_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tiers_definitions");

            migrationBuilder.DropTable(
                name: "tiers_member_tier_changes");

            migrationBuilder.DropTable(
                name: "tiers_member_tiers");

            migrationBuilder.DropTable(
                name: "tiers_outbox_messages");

            migrationBuilder.DropTable(
                name: "tiers_qualifying_activities");

            migrationBuilder.DropTable(
                name: "tiers_settings");
        }
    }
}
