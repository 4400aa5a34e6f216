using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Points.Persistence.Migrations
{
    /// <summary>
    /// The Taipei date of a purchase stored once (a generated column) instead of converted per row on every read, and two
    /// indexes on it for the published scoring view: (member, date) with the amounts, which scoring reads in order without
    /// a sort or a table visit, and (date, member), which answers "last purchase between two dates" for segments.
    /// Not in the EF model: Points never writes the column and EF leaves what it does not map alone.
    /// </summary>
    [DbContext(typeof(PointsDbContext))]
    [Migration("20261206224000_TaipeiPurchaseDate")]
    public partial class TaipeiPurchaseDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP INDEX IF EXISTS ix_points_purchases_taipei_date;
ALTER TABLE points_purchases ADD COLUMN taipei_date date GENERATED ALWAYS AS ((occurred_at AT TIME ZONE 'Asia/Taipei')::date) STORED;
CREATE OR REPLACE VIEW points_v_scoring_purchases AS
SELECT member_id, id AS purchase_id, store_code, taipei_date AS purchased_on, total - refunded_amount AS net_amount, imported
FROM points_purchases
WHERE refunded_amount < total;
CREATE INDEX ix_points_purchases_member_taipei_date ON points_purchases (member_id, taipei_date) INCLUDE (total, refunded_amount)
WHERE refunded_amount < total;
CREATE INDEX ix_points_purchases_taipei_date ON points_purchases (taipei_date, member_id) WHERE refunded_amount < total;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE OR REPLACE VIEW points_v_scoring_purchases AS
SELECT member_id, id AS purchase_id, store_code, (occurred_at AT TIME ZONE 'Asia/Taipei')::date AS purchased_on,
       total - refunded_amount AS net_amount, imported
FROM points_purchases
WHERE refunded_amount < total;
DROP INDEX IF EXISTS ix_points_purchases_taipei_date;
DROP INDEX IF EXISTS ix_points_purchases_member_taipei_date;
ALTER TABLE points_purchases DROP COLUMN taipei_date;
""");
        }
    }
}
