using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Broadcast.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GroupedRenderings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "messages_json",
                table: "broadcast_batches",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "messages_json",
                table: "broadcast_batches");
        }
    }
}
