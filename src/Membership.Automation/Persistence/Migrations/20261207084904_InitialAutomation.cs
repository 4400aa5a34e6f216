using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Automation.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialAutomation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "automation_auto_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    keywords = table.Column<string[]>(type: "text[]", nullable: false),
                    match = table.Column<int>(type: "integer", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    window_from = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    window_to = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    messages_json = table.Column<string>(type: "jsonb", nullable: false),
                    add_tag_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_auto_replies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "automation_journeys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    template = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    trigger_kind = table.Column<int>(type: "integer", nullable: false),
                    trigger_json = table.Column<string>(type: "jsonb", nullable: false),
                    steps_json = table.Column<string>(type: "jsonb", nullable: false),
                    exit_json = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reentry_days = table.Column<int>(type: "integer", nullable: false),
                    holdout_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_journeys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "automation_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "automation_reply_log",
                columns: table => new
                {
                    webhook_event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: true),
                    rule_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_reply_log", x => x.webhook_event_id);
                });

            migrationBuilder.CreateTable(
                name: "automation_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    default_reply_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    default_reply_json = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "automation_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    holdout = table.Column<bool>(type: "boolean", nullable: false),
                    next_step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    exit_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    exit_step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    last_message_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_automation_runs_automation_journeys_journey_id",
                        column: x => x.journey_id,
                        principalTable: "automation_journeys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "automation_segment_members",
                columns: table => new
                {
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_segment_members", x => new { x.journey_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_automation_segment_members_automation_journeys_journey_id",
                        column: x => x.journey_id,
                        principalTable: "automation_journeys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "automation_run_steps",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_run_steps", x => new { x.run_id, x.step_id });
                    table.ForeignKey(
                        name: "fk_automation_run_steps_automation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "automation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_automation_journeys_status_trigger_kind",
                table: "automation_journeys",
                columns: new[] { "status", "trigger_kind" });

            migrationBuilder.CreateIndex(
                name: "ix_automation_journeys_template",
                table: "automation_journeys",
                column: "template",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_automation_notifications_created_at",
                table: "automation_notifications",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_automation_notifications_run_id_step_id",
                table: "automation_notifications",
                columns: new[] { "run_id", "step_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_automation_reply_log_rule_id_status",
                table: "automation_reply_log",
                columns: new[] { "rule_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_automation_runs_active",
                table: "automation_runs",
                columns: new[] { "journey_id", "member_id" },
                unique: true,
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_automation_runs_due",
                table: "automation_runs",
                column: "due_at",
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_automation_runs_journey_id_member_id_entry_key",
                table: "automation_runs",
                columns: new[] { "journey_id", "member_id", "entry_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_automation_runs_member_id_entered_at",
                table: "automation_runs",
                columns: new[] { "member_id", "entered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automation_auto_replies");

            migrationBuilder.DropTable(
                name: "automation_notifications");

            migrationBuilder.DropTable(
                name: "automation_reply_log");

            migrationBuilder.DropTable(
                name: "automation_run_steps");

            migrationBuilder.DropTable(
                name: "automation_segment_members");

            migrationBuilder.DropTable(
                name: "automation_settings");

            migrationBuilder.DropTable(
                name: "automation_runs");

            migrationBuilder.DropTable(
                name: "automation_journeys");
        }
    }
}
