using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Automation.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AutoReplyHandOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "hand_off",
                table: "automation_auto_replies",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "hand_off",
                table: "automation_auto_replies");
        }
    }
}
