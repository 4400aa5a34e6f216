using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Coupons.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AttributionViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE INDEX ix_coupons_coupons_issued_by ON coupons_coupons (issued_by);
CREATE VIEW coupons_v_issued AS
SELECT c.id AS coupon_id, c.member_id, c.issued_by, c.issued_at, c.used_count,
       (SELECT min(u.redeemed_at) FROM coupons_uses u WHERE u.coupon_id = c.id) AS first_used_at
FROM coupons_coupons c
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP VIEW IF EXISTS coupons_v_issued;
DROP INDEX IF EXISTS ix_coupons_coupons_issued_by
""");
        }
    }
}
