using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Points.Persistence.Migrations
{
    /// <summary>
    /// Segments ask "last purchase between these Taipei dates": an index on the view's <c>purchased_on</c> expression
    /// (then the member) answers it from a range instead of a lookup per member. Not in the EF model: an expression index.
    /// </summary>
    [DbContext(typeof(PointsDbContext))]
    [Migration("20261206220000_ScoringPurchaseDateIndex")]
    public partial class ScoringPurchaseDateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE INDEX IF NOT EXISTS ix_points_purchases_taipei_date
ON points_purchases (((occurred_at AT TIME ZONE 'Asia/Taipei')::date), member_id) WHERE refunded_amount < total
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_points_purchases_taipei_date");
        }
    }
}
