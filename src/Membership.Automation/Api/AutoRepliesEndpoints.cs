using System.Security.Claims;
using System.Text.Json;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Automation.Api;

/// <summary>Marketing API: keyword auto-replies (create, list with counts, delete).</summary>
internal static class AutoRepliesEndpoints
{
    public static IEndpointRouteBuilder MapAutoRepliesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix + "/auto-replies")
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Auto-replies")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", CreateAsync).WithName("CreateAutoReply")
            .WithSummary("Creates a keyword rule {name, keywords, match: exact|contains, priority?, messages}: 201 {id}; 400 names each invalid field")
            .ProducesValidationProblem();
        api.MapGet("/", ListAsync).WithName("ListAutoReplies").WithSummary("Rules by priority, with matched / replied / failed counts");
        api.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAutoReply").WithSummary("Deletes a rule: 204; 404 when unknown")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<AutoReplyCreatedResponse>, ValidationProblem>> CreateAsync(
        CreateAutoReplyBody body, IAutomationModule automation, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new List<AutomationError>();
        var match = Parse(body.Match ?? "exact", "match", KeywordMatchMode.Exact, errors);
        var source = Parse(body.Source ?? "text", "source", AutoReplySource.Text, errors);
        ReplyWindow? window = null;
        if (body.Window is { } w)
        {
            if (TimeOnly.TryParse(w.From, out var from) && TimeOnly.TryParse(w.To, out var to))
            {
                window = new ReplyWindow(from, to);
            }
            else
            {
                errors.Add(new("window", "Use {\"from\": \"21:00\", \"to\": \"09:00\"} (Asia/Taipei)."));
            }
        }

        if (errors.Count == 0)
        {
            var result = await automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
                null, body.Name ?? "", source, body.Keywords ?? [], match, body.Priority ?? 100, body.Enabled ?? true, window,
                body.Messages ?? [], body.AddTagId, ApiNames.Actor(user), body.HandOff ?? false), ct);
            if (result.Succeeded)
            {
                return TypedResults.Created($"{IntegrationApi.RoutePrefix}/auto-replies/{result.Id}", new AutoReplyCreatedResponse(result.Id!.Value));
            }

            errors.AddRange(result.Errors);
        }

        return TypedResults.ValidationProblem(errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }

    private static async Task<Ok<List<AutoReplyResponse>>> ListAsync(IAutomationModule automation, CancellationToken ct) =>
        TypedResults.Ok((await automation.ListAutoRepliesAsync(ct)).Select(r => new AutoReplyResponse(
            r.Id, r.Name, ApiNames.Of(r.Source), r.Keywords, ApiNames.Of(r.Match), r.Priority, r.Enabled,
            r.Window is { } w ? new WindowBody(w.From.ToString("HH:mm"), w.To.ToString("HH:mm")) : null,
            r.Messages, new AutoReplyCountsResponse(r.Counts.Matched, r.Counts.Replied, r.Counts.Failed))).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, IAutomationModule automation, ClaimsPrincipal user, CancellationToken ct) =>
        await automation.DeleteAutoReplyAsync(id, ApiNames.Actor(user), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Auto-reply not found");

    private static TEnum Parse<TEnum>(string value, string path, TEnum fallback, List<AutomationError> errors)
        where TEnum : struct, Enum
    {
        if (ApiNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(new(path, $"Must be one of: {ApiNames.Choices<TEnum>()}."));
        return fallback;
    }
}

internal sealed record WindowBody(string? From, string? To);

internal sealed record CreateAutoReplyBody(
    string? Name, List<string>? Keywords, string? Match, int? Priority, List<JsonElement>? Messages, string? Source, bool? Enabled,
    WindowBody? Window, Guid? AddTagId, bool? HandOff = null);

internal sealed record AutoReplyCreatedResponse(Guid Id);

internal sealed record AutoReplyCountsResponse(int Matched, int Replied, int Failed);

internal sealed record AutoReplyResponse(
    Guid Id, string Name, string Source, IReadOnlyList<string> Keywords, string Match, int Priority, bool Enabled, WindowBody? Window,
    IReadOnlyList<JsonElement> Messages, AutoReplyCountsResponse Counts);
