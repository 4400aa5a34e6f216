using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Points.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SegmentationViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.Sql("""
CREATE VIEW points_v_scoring_purchases AS
SELECT member_id, id AS purchase_id, store_code, (occurred_at AT TIME ZONE 'Asia/Taipei')::date AS purchased_on,
       total - refunded_amount AS net_amount, imported
FROM points_purchases
WHERE refunded_amount < total
""");
            migrationBuilder.Sql("""
CREATE VIEW points_v_member_balances AS
SELECT member_id, balance FROM points_accounts
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS points_v_scoring_purchases");
            migrationBuilder.Sql("DROP VIEW IF EXISTS points_v_member_balances");

        }
    }
}
