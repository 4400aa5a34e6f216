namespace Membership.Contracts.Line;

/// <summary>
/// Answers a postback the Line module does not own (e.g. the rich menu's 我的點數, answered by Points) with the messages
/// of a free reply. The Line module asks every registered responder, in registration order, before its own answers.
/// </summary>
public interface ILinePostbackResponder
{
    /// <summary>The messages to reply with, or null when this responder does not answer <paramref name="data"/>.</summary>
    Task<IReadOnlyList<LineMessage>?> AnswerAsync(string lineUserId, string data, CancellationToken ct = default);
}
