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
            migrationBuilder.CreateTable(
                name: "members_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
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
                name: "ix_members_members_created_at",
                table: "members_members",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_members_members_line_user_id",
                table: "members_members",
                column: "line_user_id",
                unique: true);

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
                name: "members_timeline_entries");

            migrationBuilder.DropTable(
                name: "members_members");
        }
    }
}
