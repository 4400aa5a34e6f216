using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Members.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PinnedNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "pinned",
                table: "members_notes",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "pinned",
                table: "members_notes");
        }
    }
}
