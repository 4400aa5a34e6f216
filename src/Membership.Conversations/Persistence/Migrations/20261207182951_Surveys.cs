using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Conversations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversations_surveys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title_en = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    intro = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    intro_en = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    form = table.Column<int>(type: "integer", nullable: false),
                    open = table.Column<bool>(type: "boolean", nullable: false),
                    questions_json = table.Column<string>(type: "jsonb", nullable: false),
                    reward_points = table.Column<int>(type: "integer", nullable: false),
                    reward_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reward_coupon_id = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations_surveys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversations_survey_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rewarded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    awaiting_question = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    awaiting_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations_survey_responses", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversations_survey_responses_conversations_surveys_survey",
                        column: x => x.survey_id,
                        principalTable: "conversations_surveys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conversations_survey_answers",
                columns: table => new
                {
                    response_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    choice_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: true),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations_survey_answers", x => new { x.response_id, x.question_id });
                    table.ForeignKey(
                        name: "fk_conversations_survey_answers_conversations_survey_responses",
                        column: x => x.response_id,
                        principalTable: "conversations_survey_responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_survey_responses_line_user_id",
                table: "conversations_survey_responses",
                column: "line_user_id",
                filter: "awaiting_question IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_survey_responses_member_id",
                table: "conversations_survey_responses",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_survey_responses_survey_id_member_id",
                table: "conversations_survey_responses",
                columns: new[] { "survey_id", "member_id" },
                unique: true);

            // Published for Segmentation ("who answered X"), see SurveyViews.SurveyAnswers.
            migrationBuilder.Sql("""
CREATE VIEW conversations_v_survey_answers AS
SELECT r.member_id, r.survey_id, a.question_id::text AS question_id, c.choice_id, r.completed_at IS NOT NULL AS completed
FROM conversations_survey_responses r
JOIN conversations_survey_answers a ON a.response_id = r.id
CROSS JOIN LATERAL unnest(CASE WHEN a.rating IS NULL THEN a.choice_ids ELSE ARRAY[a.rating::text] END) AS c(choice_id);
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS conversations_v_survey_answers;");
            migrationBuilder.DropTable(
                name: "conversations_survey_answers");

            migrationBuilder.DropTable(
                name: "conversations_survey_responses");

            migrationBuilder.DropTable(
                name: "conversations_surveys");
        }
    }
}
