using Membership.Contracts.Conversations;
using Membership.Contracts.Coupons;
using Membership.Contracts.Points;
using Membership.Contracts.Tags;
using Npgsql;

namespace Membership.Conversations.Surveys;

/// <summary>
/// A member's answers to a survey, from the chat or the form page: one response per member and survey, one answer per
/// question (a later answer replaces it until the survey is completed), completed once. Tags and reward follow completion
/// with idempotency keys of their own modules, so a redelivered webhook, a resubmitted form or a crash between the two
/// steps still gives them exactly once.
/// </summary>
internal sealed class SurveyResponses(NpgsqlDataSource dataSource, ITagsModule tags, IPointsModule points, ICouponsModule coupons, TimeProvider clock)
{
    private const string StartSql = """
        INSERT INTO conversations_survey_responses (id, survey_id, member_id, line_user_id, started_at)
        VALUES (@id, @survey, @member, @user, @at)
        ON CONFLICT (survey_id, member_id) DO UPDATE SET line_user_id = EXCLUDED.line_user_id
        RETURNING id, completed_at, rewarded_at
        """;

    private const string AnswerSql = """
        INSERT INTO conversations_survey_answers (response_id, question_id, choice_ids, rating, text, answered_at)
        SELECT @response, @question, @choices, @rating, @text, @at
        WHERE NOT EXISTS (SELECT 1 FROM conversations_survey_responses r WHERE r.id = @response AND r.completed_at IS NOT NULL)
        ON CONFLICT (response_id, question_id) DO UPDATE SET
            choice_ids = EXCLUDED.choice_ids, rating = EXCLUDED.rating, text = EXCLUDED.text, answered_at = EXCLUDED.answered_at
        """;

    public async Task<ResponseState> StartAsync(Guid surveyId, Guid memberId, string lineUserId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(StartSql);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("survey", surveyId);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("user", lineUserId);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var state = new ResponseState(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), !reader.IsDBNull(2));
        await reader.CloseAsync();
        return state with { Answers = await AnswersAsync(state.Id, ct) };
    }

    /// <summary>Keeps the answers (not after completion) and clears any short-text question the chat was waiting on.</summary>
    public async Task SaveAsync(Guid responseId, IEnumerable<SurveyAnswer> answers, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var at = clock.GetUtcNow();
        foreach (var answer in answers)
        {
            await using var command = new NpgsqlCommand(AnswerSql, connection, tx);
            command.Parameters.AddWithValue("response", responseId);
            command.Parameters.AddWithValue("question", answer.QuestionId);
            command.Parameters.AddWithValue("choices", answer.ChoiceIds.ToArray());
            command.Parameters.Add(new NpgsqlParameter("rating", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)answer.Rating ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("text", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)answer.Text?.Trim() ?? DBNull.Value });
            command.Parameters.AddWithValue("at", at);
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var clear = new NpgsqlCommand(
            "UPDATE conversations_survey_responses SET awaiting_question = NULL, awaiting_since = NULL WHERE id = @response AND awaiting_question IS NOT NULL", connection, tx);
        clear.Parameters.AddWithValue("response", responseId);
        await clear.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The chat asked a short-text question: the member's next text message (for a while) answers it.</summary>
    public async Task AwaitTextAsync(Guid responseId, string questionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE conversations_survey_responses SET awaiting_question = @question, awaiting_since = @at WHERE id = @response AND completed_at IS NULL");
        command.Parameters.AddWithValue("response", responseId);
        command.Parameters.AddWithValue("question", questionId);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The survey whose short-text question this LINE user was asked since <paramref name="since"/>, if any.</summary>
    public async Task<(Guid SurveyId, string QuestionId)?> FindAwaitingAsync(string lineUserId, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT survey_id, awaiting_question FROM conversations_survey_responses
            WHERE line_user_id = @user AND awaiting_question IS NOT NULL AND awaiting_since >= @since AND completed_at IS NULL
            ORDER BY awaiting_since DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("user", lineUserId);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetGuid(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Completes the response when every question has an answer, then gives tags and reward unless they were given.
    /// </summary>
    /// <returns>True when this call completed it (false: not every question answered, or completed before).</returns>
    public async Task<bool> CompleteAsync(Survey survey, Guid responseId, Guid memberId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE conversations_survey_responses r SET completed_at = @at, awaiting_question = NULL, awaiting_since = NULL
            WHERE r.id = @response AND r.completed_at IS NULL
              AND (SELECT count(*) FROM conversations_survey_answers a WHERE a.response_id = r.id AND a.question_id = ANY(@questions)) = @count
            """);
        command.Parameters.AddWithValue("response", responseId);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        command.Parameters.AddWithValue("questions", survey.Questions.Select(q => q.Id).ToArray());
        command.Parameters.AddWithValue("count", (long)survey.Questions.Count);
        var completed = await command.ExecuteNonQueryAsync(ct) == 1;
        await GiveAsync(survey, responseId, memberId, ct);
        return completed;
    }

    /// <summary>Tags for the chosen answers and the reward, for a completed response not rewarded yet.</summary>
    private async Task GiveAsync(Survey survey, Guid responseId, Guid memberId, CancellationToken ct)
    {
        await using (var check = dataSource.CreateCommand(
            "SELECT 1 FROM conversations_survey_responses WHERE id = @response AND completed_at IS NOT NULL AND rewarded_at IS NULL"))
        {
            check.Parameters.AddWithValue("response", responseId);
            if (await check.ExecuteScalarAsync(ct) is null)
            {
                return;
            }
        }

        var answers = await AnswersAsync(responseId, ct);
        var chosen = answers.SelectMany(a => a.ChoiceIds.Select(id => (a.QuestionId, ChoiceId: id))).ToHashSet();
        var tagIds = survey.Questions
            .SelectMany(q => q.Choices.Where(c => c.TagId is not null && chosen.Contains((q.Id, c.Id))).Select(c => c.TagId!.Value))
            .Distinct();
        foreach (var tagId in tagIds)
        {
            await tags.TagMemberAsync(new TagMemberRequest(memberId, tagId, TagActor.System("survey"), $"survey:{responseId}"), ct);
        }

        var key = $"survey:{survey.Id:N}:{memberId:N}";
        if (survey.Reward is { Points: > 0 } reward)
        {
            await points.GrantAsync(new GrantPointsRequest(memberId, reward.Points, "survey", reward.Reason ?? survey.Title, key), ct);
        }

        if (survey.Reward is { CouponDefinitionId: { } couponId })
        {
            await coupons.IssueAsync(new IssueCouponRequest(couponId, memberId, key, $"survey:{survey.Id}"), ct);
        }

        await using var done = dataSource.CreateCommand("UPDATE conversations_survey_responses SET rewarded_at = @at WHERE id = @response");
        done.Parameters.AddWithValue("response", responseId);
        done.Parameters.AddWithValue("at", clock.GetUtcNow());
        await done.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<SurveyAnswer>> AnswersAsync(Guid responseId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT question_id, choice_ids, rating, text FROM conversations_survey_answers WHERE response_id = @response");
        command.Parameters.AddWithValue("response", responseId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var answers = new List<SurveyAnswer>();
        while (await reader.ReadAsync(ct))
        {
            answers.Add(new SurveyAnswer(
                reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return answers;
    }
}

/// <param name="Rewarded">Tags and reward were given.</param>
internal sealed record ResponseState(Guid Id, DateTimeOffset? CompletedAt, bool Rewarded)
{
    public IReadOnlyList<SurveyAnswer> Answers { get; init; } = [];
}
