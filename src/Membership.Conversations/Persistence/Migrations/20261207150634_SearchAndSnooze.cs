using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Conversations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndSnooze : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "resolved_reason",
                table: "conversations_conversations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "snoozed_until",
                table: "conversations_conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_messages_text",
                table: "conversations_messages",
                column: "text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_conversations_display_name",
                table: "conversations_conversations",
                column: "display_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversations_messages_text",
                table: "conversations_messages");

            migrationBuilder.DropIndex(
                name: "ix_conversations_conversations_display_name",
                table: "conversations_conversations");

            migrationBuilder.DropColumn(
                name: "resolved_reason",
                table: "conversations_conversations");

            migrationBuilder.DropColumn(
                name: "snoozed_until",
                table: "conversations_conversations");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
