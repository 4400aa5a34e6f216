using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Conversations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChatPresence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "loading_started_at",
                table: "conversations_conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mark_as_read_token",
                table: "conversations_conversations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "typing_at",
                table: "conversations_conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "typing_by",
                table: "conversations_conversations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "loading_started_at",
                table: "conversations_conversations");

            migrationBuilder.DropColumn(
                name: "mark_as_read_token",
                table: "conversations_conversations");

            migrationBuilder.DropColumn(
                name: "typing_at",
                table: "conversations_conversations");

            migrationBuilder.DropColumn(
                name: "typing_by",
                table: "conversations_conversations");
        }
    }
}
