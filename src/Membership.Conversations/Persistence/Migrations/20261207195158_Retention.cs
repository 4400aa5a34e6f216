using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Conversations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "content_removed",
                table: "conversations_messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "conversations_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    retention_days = table.Column<int>(type: "integer", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations_settings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_messages_at",
                table: "conversations_messages",
                column: "at",
                filter: "NOT content_removed");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversations_settings");

            migrationBuilder.DropIndex(
                name: "ix_conversations_messages_at",
                table: "conversations_messages");

            migrationBuilder.DropColumn(
                name: "content_removed",
                table: "conversations_messages");
        }
    }
}
