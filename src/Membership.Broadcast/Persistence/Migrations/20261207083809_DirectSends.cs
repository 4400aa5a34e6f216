using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Broadcast.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DirectSends : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "broadcast_direct_sends",
                columns: table => new
                {
                    key = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcast_direct_sends", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_direct_sends_sent",
                table: "broadcast_direct_sends",
                columns: new[] { "member_id", "sent_at" },
                filter: "status = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "broadcast_direct_sends");
        }
    }
}
