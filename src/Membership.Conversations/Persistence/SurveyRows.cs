namespace Membership.Conversations.Persistence;

internal sealed class SurveyRow
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public string? TitleEn { get; set; }

    public string? Intro { get; set; }

    public string? IntroEn { get; set; }

    public int Form { get; set; }

    public bool Open { get; set; }

    /// <summary>The questions as JSON (<c>SurveyQuestion[]</c>): they are read and written as a whole with the survey.</summary>
    public required string QuestionsJson { get; set; }

    public int RewardPoints { get; set; }

    public string? RewardReason { get; set; }

    public Guid? RewardCouponId { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One member's answers to one survey: started on the first answer, completed once.</summary>
internal sealed class SurveyResponseRow
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public Guid MemberId { get; set; }

    public required string LineUserId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Tags and reward were given (after <see cref="CompletedAt"/>; retried until they are).</summary>
    public DateTimeOffset? RewardedAt { get; set; }

    /// <summary>The short-text question the chat asked last: the member's next text message answers it.</summary>
    public string? AwaitingQuestion { get; set; }

    public DateTimeOffset? AwaitingSince { get; set; }
}

internal sealed class SurveyAnswerRow
{
    public Guid ResponseId { get; set; }

    public required string QuestionId { get; set; }

    public string[] ChoiceIds { get; set; } = [];

    public int? Rating { get; set; }

    public string? Text { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}
