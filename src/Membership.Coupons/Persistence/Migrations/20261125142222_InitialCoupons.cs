using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Coupons.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCoupons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coupons_definitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    free_item = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_days = table.Column<int>(type: "integer", nullable: true),
                    uses_per_coupon = table.Column<int>(type: "integer", nullable: false),
                    issue_limit = table.Column<int>(type: "integer", nullable: true),
                    issued_count = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    min_tier_rank = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons_definitions", x => x.id);
                    table.CheckConstraint("ck_coupons_definitions_issue_limit", "issue_limit IS NULL OR issued_count <= issue_limit");
                });

            migrationBuilder.CreateTable(
                name: "coupons_coupons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uses_allowed = table.Column<int>(type: "integer", nullable: false),
                    used_count = table.Column<int>(type: "integer", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issued_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons_coupons", x => x.id);
                    table.CheckConstraint("ck_coupons_coupons_uses", "used_count >= 0 AND used_count <= uses_allowed");
                    table.ForeignKey(
                        name: "fk_coupons_coupons_coupons_definitions_definition_id",
                        column: x => x.definition_id,
                        principalTable: "coupons_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "coupons_uses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    coupon_id = table.Column<Guid>(type: "uuid", nullable: false),
                    redeemed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    redeemed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    store_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons_uses", x => x.id);
                    table.ForeignKey(
                        name: "fk_coupons_uses_coupons_coupons_coupon_id",
                        column: x => x.coupon_id,
                        principalTable: "coupons_coupons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coupons_coupons_code",
                table: "coupons_coupons",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coupons_coupons_definition_id",
                table: "coupons_coupons",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_coupons_coupons_idempotency_key",
                table: "coupons_coupons",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coupons_coupons_member_id_issued_at",
                table: "coupons_coupons",
                columns: new[] { "member_id", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_coupons_definitions_purpose_active",
                table: "coupons_definitions",
                columns: new[] { "purpose", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_coupons_uses_coupon_id",
                table: "coupons_uses",
                column: "coupon_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coupons_uses");

            migrationBuilder.DropTable(
                name: "coupons_coupons");

            migrationBuilder.DropTable(
                name: "coupons_definitions");
        }
    }
}
