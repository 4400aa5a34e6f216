using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Broadcast.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialBroadcast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "broadcast_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    audience_json = table.Column<string>(type: "jsonb", nullable: false),
                    messages_json = table.Column<string>(type: "jsonb", nullable: false),
                    personalised = table.Column<bool>(type: "boolean", nullable: false),
                    holdout_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    attribution_days = table.Column<int>(type: "integer", nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ignore_quiet_hours = table.Column<bool>(type: "boolean", nullable: false),
                    aggregation_unit = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcast_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "broadcast_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    cap_messages = table.Column<int>(type: "integer", nullable: false),
                    cap_days = table.Column<int>(type: "integer", nullable: false),
                    quiet_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    quiet_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcast_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "broadcast_batches",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    retry_key = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    line_request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcast_batches", x => new { x.campaign_id, x.seq });
                    table.ForeignKey(
                        name: "fk_broadcast_batches_broadcast_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "broadcast_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "broadcast_recipients",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_user_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    batch_seq = table.Column<int>(type: "integer", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcast_recipients", x => new { x.campaign_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_broadcast_recipients_broadcast_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "broadcast_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_batches_pending",
                table: "broadcast_batches",
                columns: new[] { "campaign_id", "seq" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_batches_retry_key",
                table: "broadcast_batches",
                column: "retry_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_campaigns_created_at",
                table: "broadcast_campaigns",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_campaigns_status_scheduled_at",
                table: "broadcast_campaigns",
                columns: new[] { "status", "scheduled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_recipients_campaign_id_batch_seq",
                table: "broadcast_recipients",
                columns: new[] { "campaign_id", "batch_seq" });

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_recipients_sent",
                table: "broadcast_recipients",
                columns: new[] { "member_id", "sent_at" },
                filter: "status = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "broadcast_batches");

            migrationBuilder.DropTable(
                name: "broadcast_recipients");

            migrationBuilder.DropTable(
                name: "broadcast_settings");

            migrationBuilder.DropTable(
                name: "broadcast_campaigns");
        }
    }
}
