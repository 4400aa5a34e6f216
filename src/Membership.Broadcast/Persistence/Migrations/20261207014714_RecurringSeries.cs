using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Broadcast.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RecurringSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_occurrence_at",
                table: "broadcast_campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recurrence_json",
                table: "broadcast_campaigns",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "series_id",
                table: "broadcast_campaigns",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_campaigns_recurring",
                table: "broadcast_campaigns",
                column: "next_occurrence_at",
                filter: "status = 7");

            migrationBuilder.CreateIndex(
                name: "ix_broadcast_campaigns_series_id_scheduled_at",
                table: "broadcast_campaigns",
                columns: new[] { "series_id", "scheduled_at" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_broadcast_campaigns_recurring",
                table: "broadcast_campaigns");

            migrationBuilder.DropIndex(
                name: "ix_broadcast_campaigns_series_id_scheduled_at",
                table: "broadcast_campaigns");

            migrationBuilder.DropColumn(
                name: "next_occurrence_at",
                table: "broadcast_campaigns");

            migrationBuilder.DropColumn(
                name: "recurrence_json",
                table: "broadcast_campaigns");

            migrationBuilder.DropColumn(
                name: "series_id",
                table: "broadcast_campaigns");
        }
    }
}
