using System.Text.Json;
using System.Text.Json.Serialization;

namespace Membership.Contracts.Line;

/// <summary>The Messaging API's JSON for <see cref="LineMessage"/>s: camelCase, no nulls, the <c>type</c> discriminator anywhere in an object.</summary>
public static class LineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonElement ToElement(LineMessage message) => JsonSerializer.SerializeToElement(message, Options);

    public static LineMessage? FromElement(JsonElement message) => message.Deserialize<LineMessage>(Options);
}
