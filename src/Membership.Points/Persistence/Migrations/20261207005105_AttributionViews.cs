using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Points.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AttributionViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE VIEW points_v_purchases AS
SELECT member_id, id AS purchase_id, store_code, occurred_at, total - refunded_amount AS net_amount
FROM points_purchases
WHERE refunded_amount < total;
CREATE VIEW points_v_open_lots AS
SELECT member_id, remaining, expires_at FROM points_lots WHERE remaining > 0
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP VIEW IF EXISTS points_v_purchases;
DROP VIEW IF EXISTS points_v_open_lots
""");
        }
    }
}
