using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.LineEmulator.Faults;
using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Api;

/// <summary>Reply, push, multicast, narrowcast and broadcast: validate, honour the retry key, deliver, count quota.</summary>
internal sealed class MessageDispatcher(
    UserDirectory users,
    ReplyTokenStore replyTokens,
    RetryKeyStore retryKeys,
    SendGate gate,
    QuotaCounter quota,
    NarrowcastStore narrowcasts,
    AggregationStore aggregations,
    FaultInjector faults,
    ChatStore chats,
    TimeProvider time)
{
    private const string InvalidTo = "The property, 'to', in the request body is invalid (line: -, column: -)";
    private static long _nextMessageId = 500_000_000_000_000_000 + Random.Shared.NextInt64(1_000_000_000_000);

    public async Task<IResult> SendAsync(HttpContext context, string endpoint)
    {
        if (!context.Request.HasJsonContentType())
        {
            return LineErrors.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
        }

        if (context.LineBodyObject() is not { } root)
        {
            return HttpContextItems.NotAnObject();
        }

        var errors = new List<ErrorDetail>();
        MessageRules.ValidateMessages(root["messages"], errors);
        if (root["notificationDisabled"] is JsonNode flag && flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new ErrorDetail("must be a boolean", "notificationDisabled"));
        }

        MessageRules.ValidateAggregationUnits(endpoint, root["customAggregationUnits"], errors);
        var targets = Recipients(endpoint, root, errors, out var invalidTo);
        if (errors.Count > 0)
        {
            return LineErrors.BadRequest(errors);
        }

        if (invalidTo)
        {
            return LineErrors.Error(StatusCodes.Status400BadRequest, InvalidTo);
        }

        var outcome = Dispatch(context, endpoint, root, targets);
        if (outcome.Accepted && faults.Current.AnswerDelayMs > 0)
        {
            // The send is done; only the answer is late (a client timing out must get a 409 on its retry).
            await Task.Delay(TimeSpan.FromMilliseconds(faults.Current.AnswerDelayMs), CancellationToken.None);
        }

        return outcome.Result;
    }

    private (IResult Result, bool Accepted) Dispatch(HttpContext context, string endpoint, JsonObject root, IReadOnlyList<string> targets)
    {
        var retryKey = context.Request.Headers[LineApiMiddleware.RetryKeyHeader].FirstOrDefault();
        var requestId = context.LineRequestId();
        var messages = (JsonArray)root["messages"]!;
        var now = time.GetUtcNow();
        lock (gate.Gate)
        {
            if (retryKey is not null && retryKeys.Find(retryKey) is { } accepted)
            {
                context.Response.Headers["X-Line-Accepted-Request-Id"] = accepted.RequestId;
                var conflict = new JsonObject { ["message"] = LineErrors.RetryKeyAccepted };
                if (endpoint == "push" && accepted.SentMessages is not null)
                {
                    conflict["sentMessages"] = accepted.SentMessages.DeepClone();
                }

                return (Results.Json(conflict, statusCode: StatusCodes.Status409Conflict), false);
            }

            if (endpoint == "reply")
            {
                var token = MessageRules.StringOf(root["replyToken"]);
                if (replyTokens.TryConsume(token) is not { } userId)
                {
                    return (LineErrors.Error(StatusCodes.Status400BadRequest, LineErrors.InvalidReplyToken), false);
                }

                targets = [userId];
            }
            else if (quota.WouldExceed(targets.Count(id => users.Find(id) is { IsBlocked: false })))
            {
                return (LineErrors.Error(StatusCodes.Status429TooManyRequests, "You have reached your monthly limit."), false);
            }

            var unit = root["customAggregationUnits"] is JsonArray units ? MessageRules.StringOf(units[0]) : null;
            var deliveredTo = users.Deliver(targets, messages, endpoint, retryKey, now, unit);
            var delivered = deliveredTo.Count;
            foreach (var userId in deliveredTo)
            {
                chats.StopLoading(userId);
            }

            if (endpoint != "reply")
            {
                quota.Add(delivered);
            }

            if (unit is not null)
            {
                foreach (var userId in deliveredTo)
                {
                    aggregations.Delivered(unit, userId, now);
                }
            }

            var sent = endpoint is "reply" or "push" ? SentMessages(messages.Count) : null;
            if (retryKey is not null)
            {
                retryKeys.Accept(retryKey, requestId, sent);
            }

            if (endpoint == "narrowcast")
            {
                narrowcasts.Add(requestId, new NarrowcastProgressView("succeeded", delivered, 0, delivered, now, now));
            }

            var body = sent is null ? new JsonObject() : new JsonObject { ["sentMessages"] = sent.DeepClone() };
            var status = endpoint == "narrowcast" ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
            return (Results.Json(body, statusCode: status), true);
        }
    }

    private List<string> Recipients(string endpoint, JsonObject root, List<ErrorDetail> errors, out bool invalidTo)
    {
        invalidTo = false;
        switch (endpoint)
        {
            case "reply":
                if (string.IsNullOrEmpty(MessageRules.StringOf(root["replyToken"])))
                {
                    errors.Add(new ErrorDetail("must be specified", "replyToken"));
                }

                return [];
            case "push":
                var to = MessageRules.StringOf(root["to"]);
                if (string.IsNullOrEmpty(to))
                {
                    errors.Add(new ErrorDetail("must be specified", "to"));
                    return [];
                }

                invalidTo = !users.Exists(to);
                return [to];
            case "multicast":
                if (root["to"] is not JsonArray array || array.Count is < 1 or > 500)
                {
                    errors.Add(new ErrorDetail("Size must be between 1 and 500", "to"));
                    return [];
                }

                var ids = array.Select(MessageRules.StringOf).ToList();
                invalidTo = ids.Any(id => id is null || !users.Exists(id));
                return ids.OfType<string>().ToList();
            default: // narrowcast (no real audiences: every friend) and broadcast
                return users.FriendIds().ToList();
        }
    }

    private static JsonArray SentMessages(int count)
    {
        var sent = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var id = Interlocked.Increment(ref _nextMessageId);
            sent.Add(new JsonObject { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["quoteToken"] = Guid.NewGuid().ToString("N") });
        }

        return sent;
    }
}
