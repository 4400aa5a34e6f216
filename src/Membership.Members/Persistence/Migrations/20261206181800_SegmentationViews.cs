using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Members.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SegmentationViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "marketing_opted_out_at",
                table: "members_members",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.Sql("""
CREATE VIEW members_v_segment_profiles AS
SELECT id AS member_id, member_code, name, mobile, line_display_name, status, gender, birthday, region, preferred_store,
       registered_at, line_user_id, friend_status, friend_since, friend_status_changed_at, marketing_opted_out_at, created_at
FROM members_members
WHERE erased_at IS NULL
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS members_v_segment_profiles");
            migrationBuilder.DropColumn(
                name: "marketing_opted_out_at",
                table: "members_members");
        }
    }
}
