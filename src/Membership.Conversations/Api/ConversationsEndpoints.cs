using System.Security.Claims;
using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Conversations.Api;

/// <summary>Support API (scope <c>support</c>): conversations, their messages, staff answers and hand-off, by member code.</summary>
internal static class ConversationsEndpoints
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix + "/conversations")
            .RequireAuthorization(IntegrationApi.SupportPolicy)
            .WithTags("Conversations")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", ListAsync).WithName("ListConversations")
            .WithSummary("Conversations oldest-waiting first; ?status=open|pending|resolved|snoozed, ?assignee=<staff>|none, ?q= name, mobile, member code or message text")
            .ProducesValidationProblem();
        api.MapGet("/{memberCode}/messages", MessagesAsync).WithName("ListConversationMessages")
            .WithSummary("The member's thread, oldest first (the last 200 messages); 404 when they never wrote")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{memberCode}/messages", SendAsync).WithName("SendConversationMessages")
            .WithSummary("Sends {messages: [LINE message objects], idempotencyKey}: 202 {sentBy: reply|push}, by reply while the customer's token is fresh; the same key sends once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        api.MapPost("/{memberCode}/handoff", HandOffAsync).WithName("HandOffConversation")
            .WithSummary("{mode: person|bot}: person silences auto-replies for the member; 404 when they never wrote")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<List<ConversationResponse>>, ValidationProblem>> ListAsync(
        string? status, string? assignee, string? q, IConversationsModule conversations, CancellationToken ct)
    {
        ConversationStatus? wanted = null;
        if (status is not null)
        {
            if (!ApiNames.TryParse<ConversationStatus>(status, out var parsed))
            {
                return Invalid("status", $"Must be one of: {ApiNames.Choices<ConversationStatus>()}.");
            }

            wanted = parsed;
        }

        var query = assignee switch
        {
            null => new ConversationQuery(Status: wanted, Search: q),
            "none" => new ConversationQuery(ConversationView.Unassigned, wanted, Search: q),
            _ => new ConversationQuery(ConversationView.Mine, wanted, assignee, q),
        };
        var page = await conversations.ListAsync(query, new PageRequest(1, PageRequest.MaxPageSize), ct);
        return TypedResults.Ok(page.Items.Select(c => new ConversationResponse(
            c.MemberCode, c.DisplayName, ApiNames.Of(c.Status), ApiNames.Of(c.Mode), c.AssignedTo, c.LastMessageAt, c.WaitingSince, c.Unread,
            c.LastPreview, c.ReplyTokenFresh ? "reply" : "push")).ToList());
    }

    private static async Task<Results<Ok<List<MessageResponse>>, ProblemHttpResult>> MessagesAsync(
        string memberCode, IConversationsModule conversations, CancellationToken ct)
    {
        if (await conversations.FindByMemberCodeAsync(memberCode, ct) is not { } conversation)
        {
            return NotFound();
        }

        var messages = await conversations.ListMessagesAsync(conversation.Id, ct: ct);
        return TypedResults.Ok(messages.Select(m => new MessageResponse(
            m.Id, ApiNames.Of(m.Direction), ApiNames.Of(m.Author), m.StaffName, m.Type, m.Text, m.Content,
            m.SentBy is { } by ? ApiNames.Of(by) : null, m.Failed, m.At)).ToList());
    }

    private static async Task<Results<Accepted<SentResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        string memberCode, SendMessagesBody body, IConversationsModule conversations, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body.IdempotencyKey is not { } key || key == Guid.Empty)
        {
            return Invalid("idempotencyKey", "A UUID that stays the same when the call is retried.");
        }

        if (await conversations.FindByMemberCodeAsync(memberCode, ct) is not { } conversation)
        {
            return NotFound();
        }

        var result = await conversations.SendAsync(new StaffReplyRequest(conversation.Id, body.Messages ?? [], key, ApiNames.Actor(user)), ct);
        return result.Outcome switch
        {
            StaffReplyOutcome.Sent or StaffReplyOutcome.AlreadySent => TypedResults.Accepted(
                (string?)null, new SentResponse(result.SentBy is { } by ? ApiNames.Of(by) : null, result.Outcome == StaffReplyOutcome.AlreadySent)),
            StaffReplyOutcome.Invalid => Invalid("messages", result.Error ?? "Invalid messages."),
            StaffReplyOutcome.NotFound => NotFound(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "LINE did not take the message", detail: result.Error),
        };
    }

    private static async Task<Results<Ok<HandOffResponse>, ValidationProblem, ProblemHttpResult>> HandOffAsync(
        string memberCode, HandOffBody body, IConversationsModule conversations, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ApiNames.TryParse<ConversationMode>(body.Mode, out var mode))
        {
            return Invalid("mode", $"Must be one of: {ApiNames.Choices<ConversationMode>()}.");
        }

        if (await conversations.FindByMemberCodeAsync(memberCode, ct) is not { } conversation)
        {
            return NotFound();
        }

        await conversations.SetModeAsync(conversation.Id, mode, ApiNames.Actor(user), ct);
        return TypedResults.Ok(new HandOffResponse(ApiNames.Of(mode)));
    }

    private static ValidationProblem Invalid(string path, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [message] });

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No conversation with this member code");
}

internal sealed record ConversationResponse(
    string? MemberCode, string? DisplayName, string Status, string Mode, string? Assignee, DateTimeOffset LastMessageAt, DateTimeOffset? WaitingSince,
    int Unread, string? LastPreview, string NextSendBy);

internal sealed record MessageResponse(
    Guid Id, string Direction, string Author, string? Staff, string Type, string? Text, JsonElement Content, string? SentBy, bool Failed, DateTimeOffset At);

internal sealed record SendMessagesBody(List<JsonElement>? Messages, Guid? IdempotencyKey);

internal sealed record SentResponse(string? SentBy, bool AlreadySent);

internal sealed record HandOffBody(string? Mode);

internal sealed record HandOffResponse(string Mode);
