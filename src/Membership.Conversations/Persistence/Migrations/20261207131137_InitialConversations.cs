using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Conversations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversations_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    member_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_message_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    waiting_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unread = table.Column<int>(type: "integer", nullable: false),
                    last_preview = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reply_token = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reply_token_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reply_token_used = table.Column<bool>(type: "boolean", nullable: false),
                    mode_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<int>(type: "integer", nullable: false),
                    sender = table.Column<int>(type: "integer", nullable: false),
                    staff_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    content_json = table.Column<string>(type: "jsonb", nullable: false),
                    webhook_event_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    idempotency_key = table.Column<Guid>(type: "uuid", nullable: true),
                    sent_by = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversations_messages_conversations_conversations_conversa",
                        column: x => x.conversation_id,
                        principalTable: "conversations_conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_conversations_line_user_id",
                table: "conversations_conversations",
                column: "line_user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_conversations_member_code",
                table: "conversations_conversations",
                column: "member_code");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_conversations_member_id",
                table: "conversations_conversations",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_conversations_status_waiting_since_last_messa",
                table: "conversations_conversations",
                columns: new[] { "status", "waiting_since", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_messages_conversation_id_at",
                table: "conversations_messages",
                columns: new[] { "conversation_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_messages_idempotency_key",
                table: "conversations_messages",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_messages_webhook_event_id",
                table: "conversations_messages",
                column: "webhook_event_id",
                unique: true,
                filter: "webhook_event_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversations_messages");

            migrationBuilder.DropTable(
                name: "conversations_conversations");
        }
    }
}
