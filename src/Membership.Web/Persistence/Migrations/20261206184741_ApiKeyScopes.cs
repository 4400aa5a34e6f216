using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Web.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "scopes",
                table: "app_api_keys",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY['pos']::text[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scopes",
                table: "app_api_keys");
        }
    }
}
