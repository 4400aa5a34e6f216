using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;
using Membership.Line.Client;

namespace Membership.Line.Tests.Client;

/// <summary>Message objects serialise to the shapes of messaging-api.yml.</summary>
public sealed class MessageSerializationTests
{
    [Fact]
    public void Text_message_with_emojis_and_quick_reply_matches_the_spec()
    {
        LineMessage message = new TextMessage("$ Welcome!")
        {
            Emojis = [new TextEmoji(0, "5ac1bfd5040ab15980c9b435", "001")],
            QuickReply = new QuickReply(
            [
                new QuickReplyItem(new PostbackAction("action=points") { Label = "Points", DisplayText = "My points" }),
                new QuickReplyItem(new MessageAction("Hello") { Label = "Say hi" }) { ImageUrl = "https://example.com/hi.png" },
                new QuickReplyItem(new UriAction("https://example.com/register") { Label = "Register" }),
            ]),
        };

        AssertJson(
            """
            {"type":"text","text":"$ Welcome!","emojis":[{"index":0,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"001"}],
             "quickReply":{"items":[
               {"type":"action","action":{"type":"postback","label":"Points","data":"action=points","displayText":"My points"}},
               {"type":"action","imageUrl":"https://example.com/hi.png","action":{"type":"message","label":"Say hi","text":"Hello"}},
               {"type":"action","action":{"type":"uri","label":"Register","uri":"https://example.com/register"}}]}}
            """,
            Serialize(message));
    }

    [Fact]
    public void Text_v2_message_with_mention_and_emoji_substitutions_matches_the_spec()
    {
        LineMessage message = new TextV2Message("Hi {user}, {everyone}! {smile}")
        {
            Substitution = new Dictionary<string, TextSubstitution>
            {
                ["user"] = new MentionSubstitution(new UserMentionTarget("U4af4980629")),
                ["everyone"] = new MentionSubstitution(new AllMentionTarget()),
                ["smile"] = new EmojiSubstitution("5ac1bfd5040ab15980c9b435", "002"),
            },
        };

        AssertJson(
            """
            {"type":"textV2","text":"Hi {user}, {everyone}! {smile}","substitution":{
              "user":{"type":"mention","mentionee":{"type":"user","userId":"U4af4980629"}},
              "everyone":{"type":"mention","mentionee":{"type":"all"}},
              "smile":{"type":"emoji","productId":"5ac1bfd5040ab15980c9b435","emojiId":"002"}}}
            """,
            Serialize(message));
    }

    [Fact]
    public void Image_message_matches_the_spec()
    {
        AssertJson(
            """{"type":"image","originalContentUrl":"https://example.com/a.jpg","previewImageUrl":"https://example.com/a-small.jpg"}""",
            Serialize(new ImageMessage("https://example.com/a.jpg", "https://example.com/a-small.jpg")));
    }

    [Fact]
    public void Flex_message_keeps_any_container_json_as_is()
    {
        const string bubble = """{"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"Gold member","weight":"bold"}]}}""";

        var json = Serialize(FlexMessage.FromJson("Your card", bubble) with { Sender = new MessageSender("Shop") });

        AssertJson("""{"type":"flex","altText":"Your card","contents":""" + bubble + ""","sender":{"name":"Shop"}}""", json);
    }

    [Fact]
    public void Buttons_template_message_matches_the_spec()
    {
        LineMessage message = new TemplateMessage(
            "Choose",
            new ButtonsTemplate("Pick one", [new PostbackAction("a=1") { Label = "One" }, new UriAction("https://example.com") { Label = "Site" }])
            {
                Title = "Menu",
            });

        AssertJson(
            """
            {"type":"template","altText":"Choose","template":{"type":"buttons","text":"Pick one","title":"Menu",
             "actions":[{"type":"postback","label":"One","data":"a=1"},{"type":"uri","label":"Site","uri":"https://example.com"}]}}
            """,
            Serialize(message));
    }

    [Fact]
    public void Push_request_body_has_the_spec_names_and_omits_unset_fields()
    {
        var body = JsonSerializer.Serialize(
            new PushMessageRequest("U4af4980629", [new TextMessage("hi")]),
            LineJsonContext.Default.PushMessageRequest);

        AssertJson("""{"to":"U4af4980629","messages":[{"type":"text","text":"hi"}],"notificationDisabled":false}""", body);
    }

    [Fact]
    public void Type_discriminator_is_written_first()
    {
        Assert.StartsWith("""{"type":"text",""", Serialize(new TextMessage("x") { QuoteToken = "q" }), StringComparison.Ordinal);
    }

    private static string Serialize(LineMessage message) => JsonSerializer.Serialize(message, LineJsonContext.Default.LineMessage);

    private static void AssertJson(string expected, string actual)
    {
        var same = JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.True(same, $"Expected {JsonNode.Parse(expected)!.ToJsonString()}\nbut got  {actual}");
    }
}
