using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Line.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxPendingOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_line_inbox_events_pending_order",
                table: "line_inbox_events",
                columns: new[] { "occurred_at", "id" },
                filter: "status = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_line_inbox_events_pending_order",
                table: "line_inbox_events");
        }
    }
}
