using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Segmentation;

namespace Membership.Segmentation.Segments;

/// <summary>JSON ↔ definition tree, and the checks of every field, operator and value, each error naming its path.</summary>
internal static class SegmentDefinitionParser
{
    private const int MaxDepth = 10;
    private const int MaxConditions = 100;

    public static SegmentDefinitionParseResult Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return new SegmentDefinitionParseResult(null, [new SegmentDefinitionError("", $"Not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            var errors = new List<SegmentDefinitionError>();
            var node = ReadNode(document.RootElement, "", 0, errors);
            if (node is not null)
            {
                errors.AddRange(Validate(node));
            }

            return new SegmentDefinitionParseResult(errors.Count == 0 ? node : null, errors);
        }
    }

    public static string ToJson(SegmentNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<SegmentDefinitionError> Validate(SegmentNode root)
    {
        var errors = new List<SegmentDefinitionError>();
        var conditions = 0;
        Check(root, "", 0);
        if (conditions > MaxConditions)
        {
            errors.Add(new SegmentDefinitionError("", $"At most {MaxConditions} conditions."));
        }

        return errors;

        void Check(SegmentNode node, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                errors.Add(new SegmentDefinitionError(path, $"Groups nest at most {MaxDepth} deep."));
                return;
            }

            switch (node)
            {
                case SegmentAll all:
                    CheckGroup(all.Items, Join(path, "all"), depth);
                    break;
                case SegmentAny any:
                    CheckGroup(any.Items, Join(path, "any"), depth);
                    break;
                case SegmentNot not:
                    Check(not.Item, Join(path, "not"), depth + 1);
                    break;
                case SegmentCondition condition:
                    conditions++;
                    errors.AddRange(SegmentValueRules.Check(condition, path));
                    break;
            }
        }

        void CheckGroup(IReadOnlyList<SegmentNode> items, string path, int depth)
        {
            if (items.Count == 0)
            {
                errors.Add(new SegmentDefinitionError(path, "A group needs at least one condition."));
            }

            for (var i = 0; i < items.Count; i++)
            {
                Check(items[i], $"{path}[{i}]", depth + 1);
            }
        }
    }

    private static SegmentNode? ReadNode(JsonElement element, string path, int depth, List<SegmentDefinitionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SegmentDefinitionError(path, "Expected an object: {\"all\": […]}, {\"any\": […]}, {\"not\": {…}} or {\"field\", \"op\", \"value\"}."));
            return null;
        }

        if (depth > MaxDepth)
        {
            errors.Add(new SegmentDefinitionError(path, $"Groups nest at most {MaxDepth} deep."));
            return null;
        }

        var names = element.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Count == 1 && names[0] is "all" or "any")
        {
            var groupPath = Join(path, names[0]);
            var items = element.GetProperty(names[0]);
            if (items.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new SegmentDefinitionError(groupPath, "Expected an array of conditions."));
                return null;
            }

            var children = items.EnumerateArray().Select((item, i) => ReadNode(item, $"{groupPath}[{i}]", depth + 1, errors)).ToList();
            if (children.Any(c => c is null))
            {
                return null;
            }

            return names[0] == "all" ? new SegmentAll(children!) : new SegmentAny(children!);
        }

        if (names.Count == 1 && names[0] == "not")
        {
            return ReadNode(element.GetProperty("not"), Join(path, "not"), depth + 1, errors) is { } inner ? new SegmentNot(inner) : null;
        }

        var unknown = names.Where(n => n is not "field" and not "op" and not "value").ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new SegmentDefinitionError(Join(path, unknown[0]), $"Unknown key '{unknown[0]}': a condition has field, op and value; a group is all, any or not alone."));
            return null;
        }

        var field = element.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : null;
        var op = element.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : null;
        if (field is null)
        {
            errors.Add(new SegmentDefinitionError(Join(path, "field"), "A condition needs a field (a string)."));
        }

        if (op is null)
        {
            errors.Add(new SegmentDefinitionError(Join(path, "op"), "A condition needs an op (a string)."));
        }

        if (!element.TryGetProperty("value", out var value))
        {
            errors.Add(new SegmentDefinitionError(Join(path, "value"), "A condition needs a value."));
        }

        return field is null || op is null || value.ValueKind == JsonValueKind.Undefined ? null : new SegmentCondition(field, op, value.Clone());
    }

    private static void Write(Utf8JsonWriter writer, SegmentNode node)
    {
        writer.WriteStartObject();
        switch (node)
        {
            case SegmentAll all:
                WriteItems(writer, "all", all.Items);
                break;
            case SegmentAny any:
                WriteItems(writer, "any", any.Items);
                break;
            case SegmentNot not:
                writer.WritePropertyName("not");
                Write(writer, not.Item);
                break;
            case SegmentCondition condition:
                writer.WriteString("field", condition.Field);
                writer.WriteString("op", condition.Op);
                writer.WritePropertyName("value");
                condition.Value.WriteTo(writer);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteItems(Utf8JsonWriter writer, string name, IReadOnlyList<SegmentNode> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            Write(writer, item);
        }

        writer.WriteEndArray();
    }

    internal static string Join(string path, string name) => path.Length == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{path}.{name}");
}
