using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Tiers.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SegmentationViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.Sql("""
CREATE VIEW tiers_v_member_tiers AS
SELECT member_id, tier_code, rank FROM tiers_member_tiers
""");
            migrationBuilder.Sql("""
CREATE VIEW tiers_v_definitions AS
SELECT code AS tier_code, rank, name_zh, name_en FROM tiers_definitions
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS tiers_v_member_tiers");
            migrationBuilder.Sql("DROP VIEW IF EXISTS tiers_v_definitions");

        }
    }
}
