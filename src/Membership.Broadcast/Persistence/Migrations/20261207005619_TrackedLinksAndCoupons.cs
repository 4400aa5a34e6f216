using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Broadcast.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TrackedLinksAndCoupons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "link_key",
                table: "broadcast_settings",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "coupon_definition_id",
                table: "broadcast_campaigns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "links",
                table: "broadcast_campaigns",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateTable(
                name: "broadcast_clicks",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    link_index = table.Column<short>(type: "smallint", nullable: false),
                    first_clicked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_clicked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    clicks = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcast_clicks", x => new { x.campaign_id, x.member_id, x.link_index });
                    table.ForeignKey(
                        name: "fk_broadcast_clicks_broadcast_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "broadcast_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "broadcast_clicks");

            migrationBuilder.DropColumn(
                name: "link_key",
                table: "broadcast_settings");

            migrationBuilder.DropColumn(
                name: "coupon_definition_id",
                table: "broadcast_campaigns");

            migrationBuilder.DropColumn(
                name: "links",
                table: "broadcast_campaigns");
        }
    }
}
