using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Members.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "members_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    mobile = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    birthday = table.Column<DateOnly>(type: "date", nullable: true),
                    gender = table.Column<int>(type: "integer", nullable: false),
                    region = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    preferred_store = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    erased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    line_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    line_display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    picture_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    friend_status = table.Column<int>(type: "integer", nullable: false),
                    friend_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    friend_status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "members_outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "members_privacy_terms",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members_privacy_terms", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "members_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    terms_version = table.Column<int>(type: "integer", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_consents_members_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_notes_members_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members_timeline_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    source_event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members_timeline_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_timeline_entries_members_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_members_consents_member_id",
                table: "members_consents",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_members_members_created_at",
                table: "members_members",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_members_members_line_display_name",
                table: "members_members",
                column: "line_display_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_members_members_line_user_id",
                table: "members_members",
                column: "line_user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_members_member_code",
                table: "members_members",
                column: "member_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_members_mobile",
                table: "members_members",
                column: "mobile",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_members_mobile1",
                table: "members_members",
                column: "mobile")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_members_members_name",
                table: "members_members",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_members_members_region",
                table: "members_members",
                column: "region");

            migrationBuilder.CreateIndex(
                name: "ix_members_members_status_created_at",
                table: "members_members",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_members_notes_member_id_created_at",
                table: "members_notes",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_members_outbox_messages_due",
                table: "members_outbox_messages",
                column: "occurred_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_members_timeline_entries_member_id_occurred_at",
                table: "members_timeline_entries",
                columns: new[] { "member_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_members_timeline_entries_source_event_id",
                table: "members_timeline_entries",
                column: "source_event_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "members_consents");

            migrationBuilder.DropTable(
                name: "members_notes");

            migrationBuilder.DropTable(
                name: "members_outbox_messages");

            migrationBuilder.DropTable(
                name: "members_privacy_terms");

            migrationBuilder.DropTable(
                name: "members_timeline_entries");

            migrationBuilder.DropTable(
                name: "members_members");
        }
    }
}
