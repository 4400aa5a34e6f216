using System.Text.Json;
using System.Text.Json.Serialization;
using Membership.Contracts.Line;

namespace Membership.Line.Client;

/// <summary>Source-generated serialisation: camelCase names, <c>type</c> discriminators first, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplyMessageRequest))]
[JsonSerializable(typeof(PushMessageRequest))]
[JsonSerializable(typeof(MulticastMessageRequest))]
[JsonSerializable(typeof(NarrowcastMessageRequest))]
[JsonSerializable(typeof(BroadcastMessageRequest))]
[JsonSerializable(typeof(RichMenuRequest))]
[JsonSerializable(typeof(LineMessage))]
[JsonSerializable(typeof(SentMessagesBody))]
[JsonSerializable(typeof(LineErrorBody))]
[JsonSerializable(typeof(LineUserProfile))]
[JsonSerializable(typeof(LineFollowerIds))]
[JsonSerializable(typeof(LineMessageQuota))]
[JsonSerializable(typeof(LineUnitStatistics))]
[JsonSerializable(typeof(ValidateMessagesRequest))]
[JsonSerializable(typeof(LineQuotaConsumption))]
[JsonSerializable(typeof(NarrowcastProgress))]
[JsonSerializable(typeof(RichMenuIdBody))]
[JsonSerializable(typeof(LineIdToken))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(LoadingStartBody))]
[JsonSerializable(typeof(MarkAsReadBody))]
internal sealed partial class LineJsonContext : JsonSerializerContext;

/// <summary>Answer of reply and push (<c>{}</c> for multicast, narrowcast and broadcast).</summary>
internal sealed record ValidateMessagesRequest(IReadOnlyList<LineMessage> Messages);

internal sealed record SentMessagesBody(IReadOnlyList<LineSentMessage>? SentMessages);

/// <summary>LINE's error format; a retry-key 409 on push also carries <c>sentMessages</c>.</summary>
internal sealed record LineErrorBody(string? Message, IReadOnlyList<LineErrorDetail>? Details, IReadOnlyList<LineSentMessage>? SentMessages);

internal sealed record RichMenuIdBody(string RichMenuId);

internal sealed record LoadingStartBody(string ChatId, int LoadingSeconds);

internal sealed record MarkAsReadBody(string MarkAsReadToken);

/// <summary>Error format of the OAuth endpoints (<c>/oauth2/v2.1/verify</c>).</summary>
internal sealed record OAuthErrorBody(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
