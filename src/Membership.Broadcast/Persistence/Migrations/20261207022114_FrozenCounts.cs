using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Broadcast.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FrozenCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "frozen_audience",
                table: "broadcast_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "frozen_holdout",
                table: "broadcast_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "frozen_skipped",
                table: "broadcast_campaigns",
                type: "integer",
                nullable: true);

            // Campaigns frozen before these columns: their counts from their recipients.
            migrationBuilder.Sql("""
UPDATE broadcast_campaigns c
SET frozen_audience = f.audience, frozen_skipped = f.skipped, frozen_holdout = f.holdout
FROM (SELECT campaign_id, count(*)::int AS audience, (count(*) FILTER (WHERE status = 3))::int AS skipped,
             (count(*) FILTER (WHERE status = 4))::int AS holdout
      FROM broadcast_recipients GROUP BY campaign_id) f
WHERE c.id = f.campaign_id AND c.frozen_at IS NOT NULL
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "frozen_audience",
                table: "broadcast_campaigns");

            migrationBuilder.DropColumn(
                name: "frozen_holdout",
                table: "broadcast_campaigns");

            migrationBuilder.DropColumn(
                name: "frozen_skipped",
                table: "broadcast_campaigns");
        }
    }
}
