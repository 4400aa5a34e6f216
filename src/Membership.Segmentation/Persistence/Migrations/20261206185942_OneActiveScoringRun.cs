using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Segmentation.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OneActiveScoringRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_segmentation_runs_one_active",
                table: "segmentation_runs");
            // Keep the newest active run; any older one (queued beside a running one) could never have finished cleanly.
            migrationBuilder.Sql("""
UPDATE segmentation_runs SET status = 3, finished_at = now(), error = 'Superseded: another run was active.'
WHERE status IN (0, 1)
  AND id <> (SELECT id FROM segmentation_runs WHERE status IN (0, 1) ORDER BY requested_at DESC, id DESC LIMIT 1)
""");
            // Unique over a constant: at most one row queued or running, whichever of the two it is.
            migrationBuilder.Sql("CREATE UNIQUE INDEX ix_segmentation_runs_one_active ON segmentation_runs ((true)) WHERE status IN (0, 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_segmentation_runs_one_active");
            migrationBuilder.CreateIndex(
                name: "ix_segmentation_runs_one_active",
                table: "segmentation_runs",
                column: "status",
                unique: true,
                filter: "status IN (0, 1)");
        }
    }
}
