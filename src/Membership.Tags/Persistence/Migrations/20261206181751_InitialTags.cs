using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Tags.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tags_definitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    colour = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tags_outbox_messages",
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
                    table.PrimaryKey("pk_tags_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tags_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tag_id = table.Column<Guid>(type: "uuid", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    added_by_kind = table.Column<int>(type: "integer", nullable: false),
                    added_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    source_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    removed_by_kind = table.Column<int>(type: "integer", nullable: true),
                    removed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_tags_assignments_tags_definitions_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tags_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    tag_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    match = table.Column<int>(type: "integer", nullable: false),
                    keyword = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    minimum_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    segment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    members_tagged = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_tags_rules_tags_definitions_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tags_rule_firings",
                columns: table => new
                {
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_rule_firings", x => new { x.rule_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_tags_rule_firings_tags_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "tags_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tags_assignments_current",
                table: "tags_assignments",
                columns: new[] { "member_id", "tag_id" },
                unique: true,
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_assignments_current_by_tag",
                table: "tags_assignments",
                columns: new[] { "tag_id", "member_id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_assignments_member_id",
                table: "tags_assignments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_tags_definitions_normalized_name",
                table: "tags_definitions",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tags_outbox_messages_due",
                table: "tags_outbox_messages",
                column: "occurred_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_rules_kind_enabled",
                table: "tags_rules",
                columns: new[] { "kind", "enabled" });

            migrationBuilder.CreateIndex(
                name: "ix_tags_rules_tag_id",
                table: "tags_rules",
                column: "tag_id");
            migrationBuilder.Sql("""
CREATE VIEW tags_v_member_tags AS
SELECT a.member_id, a.tag_id, t.name AS tag_name, a.added_at
FROM tags_assignments a JOIN tags_definitions t ON t.id = a.tag_id
WHERE a.removed_at IS NULL
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS tags_v_member_tags");
            migrationBuilder.DropTable(
                name: "tags_assignments");

            migrationBuilder.DropTable(
                name: "tags_outbox_messages");

            migrationBuilder.DropTable(
                name: "tags_rule_firings");

            migrationBuilder.DropTable(
                name: "tags_rules");

            migrationBuilder.DropTable(
                name: "tags_definitions");
        }
    }
}
