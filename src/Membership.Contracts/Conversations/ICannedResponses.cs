namespace Membership.Contracts.Conversations;

/// <summary>
/// Canned responses (快速回覆): answers Marketers write once and staff pick in the chat. The text may carry the Broadcast
/// template's personal fields (<c>{{ name }}</c>, <c>{{ points }}</c>, …), filled for the conversation's member.
/// </summary>
public interface ICannedResponses
{
    /// <summary>By title.</summary>
    Task<IReadOnlyList<CannedResponse>> ListAsync(CancellationToken ct = default);

    /// <summary>Creates (no id) or updates one; refused with the path of each error.</summary>
    Task<SaveCannedResponseResult> SaveAsync(SaveCannedResponseRequest request, CancellationToken ct = default);

    Task<bool> DeleteAsync(Guid cannedResponseId, string by, CancellationToken ct = default);

    /// <summary>
    /// The text with the conversation's member's fields filled (the fallbacks for a LINE friend who is not a member yet),
    /// for staff to read and edit before sending; null for an unknown response or conversation.
    /// </summary>
    Task<string?> RenderAsync(Guid cannedResponseId, Guid conversationId, CancellationToken ct = default);
}

/// <param name="Shortcut">Typed after <c>/</c> in the answer box to pick it (e.g. <c>hours</c>).</param>
public sealed record CannedResponse(Guid Id, string Title, string? Shortcut, string Text, string UpdatedBy, DateTimeOffset UpdatedAt);

public sealed record SaveCannedResponseRequest(Guid? Id, string Title, string? Shortcut, string Text, string By);

public sealed record ConversationError(string Path, string Message);

public sealed record SaveCannedResponseResult(Guid? Id, IReadOnlyList<ConversationError> Errors)
{
    public bool Saved => Errors.Count == 0;
}
