using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Segmentation.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSegmentation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "segmentation_member_scores",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    as_of_date = table.Column<DateOnly>(type: "date", nullable: false),
                    recency_days = table.Column<int>(type: "integer", nullable: true),
                    frequency = table.Column<int>(type: "integer", nullable: true),
                    monetary = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    r_score = table.Column<short>(type: "smallint", nullable: true),
                    f_score = table.Column<short>(type: "smallint", nullable: true),
                    m_score = table.Column<short>(type: "smallint", nullable: true),
                    rfm_type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    nes_state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    first_purchase_on = table.Column<DateOnly>(type: "date", nullable: true),
                    last_purchase_on = table.Column<DateOnly>(type: "date", nullable: true),
                    cycle_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segmentation_member_scores", x => x.member_id);
                });

            migrationBuilder.CreateTable(
                name: "segmentation_nes_snapshots",
                columns: table => new
                {
                    as_of_date = table.Column<DateOnly>(type: "date", nullable: false),
                    nes_state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    members = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segmentation_nes_snapshots", x => new { x.as_of_date, x.nes_state });
                });

            migrationBuilder.CreateTable(
                name: "segmentation_outbox_messages",
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
                    table.PrimaryKey("pk_segmentation_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "segmentation_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    as_of_date = table.Column<DateOnly>(type: "date", nullable: false),
                    cycle_days = table.Column<int>(type: "integer", nullable: true),
                    members_scored = table.Column<int>(type: "integer", nullable: false),
                    transitions = table.Column<int>(type: "integer", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segmentation_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "segmentation_segments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segmentation_segments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "segmentation_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    window_days = table.Column<int>(type: "integer", nullable: false),
                    high_score_threshold = table.Column<int>(type: "integer", nullable: false),
                    cycle_days_override = table.Column<int>(type: "integer", nullable: true),
                    s1multiplier = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    s2multiplier = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    s3multiplier = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segmentation_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "segmentation_transitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    from_value = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    to_value = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    as_of_date = table.Column<DateOnly>(type: "date", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segmentation_transitions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_member_scores_nes_state",
                table: "segmentation_member_scores",
                column: "nes_state");

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_member_scores_rfm_type",
                table: "segmentation_member_scores",
                column: "rfm_type");

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_outbox_messages_due",
                table: "segmentation_outbox_messages",
                column: "occurred_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_runs_one_active",
                table: "segmentation_runs",
                column: "status",
                unique: true,
                filter: "status IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_runs_requested_at",
                table: "segmentation_runs",
                column: "requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_segments_normalized_name",
                table: "segmentation_segments",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_transitions_member_id_kind_as_of_date",
                table: "segmentation_transitions",
                columns: new[] { "member_id", "kind", "as_of_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_segmentation_transitions_run_id",
                table: "segmentation_transitions",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "segmentation_member_scores");

            migrationBuilder.DropTable(
                name: "segmentation_nes_snapshots");

            migrationBuilder.DropTable(
                name: "segmentation_outbox_messages");

            migrationBuilder.DropTable(
                name: "segmentation_runs");

            migrationBuilder.DropTable(
                name: "segmentation_segments");

            migrationBuilder.DropTable(
                name: "segmentation_settings");

            migrationBuilder.DropTable(
                name: "segmentation_transitions");
        }
    }
}
