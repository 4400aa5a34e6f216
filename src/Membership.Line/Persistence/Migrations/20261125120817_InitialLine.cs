using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Line.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialLine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "line_channel_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_line_channel_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "line_inbox_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    webhook_event_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    event_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    line_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_redelivery = table.Column<bool>(type: "boolean", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    greeting_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_line_inbox_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_line_inbox_events_due",
                table: "line_inbox_events",
                column: "next_attempt_at",
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_line_inbox_events_status_received_at",
                table: "line_inbox_events",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_line_inbox_events_user_pending",
                table: "line_inbox_events",
                columns: new[] { "line_user_id", "occurred_at" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_line_inbox_events_webhook_event_id",
                table: "line_inbox_events",
                column: "webhook_event_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "line_channel_settings");

            migrationBuilder.DropTable(
                name: "line_inbox_events");
        }
    }
}
