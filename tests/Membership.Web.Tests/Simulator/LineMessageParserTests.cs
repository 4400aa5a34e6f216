using System.Text.Json;
using Membership.Web.Simulator.Chat;

namespace Membership.Web.Tests.Simulator;

public sealed class LineMessageParserTests
{
    private static ChatMessageView Parse(string json) => LineMessageParser.Parse(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Text_keeps_line_breaks_and_makes_links_clickable()
    {
        var text = Assert.IsType<TextMessageView>(Parse("""{"type":"text","text":"歡迎！\n註冊：https://example.com/m/register。"}"""));

        Assert.Equal(
            [new TextSegment("歡迎！\n註冊："), new TextSegment("https://example.com/m/register", "https://example.com/m/register"), new TextSegment("。")],
            text.Segments);
    }

    [Fact]
    public void Image_uses_the_preview_and_links_the_original()
    {
        var image = Assert.IsType<ImageMessageView>(Parse(
            """{"type":"image","originalContentUrl":"https://example.com/big.jpg","previewImageUrl":"https://example.com/small.jpg"}"""));

        Assert.Equal(("https://example.com/big.jpg", "https://example.com/small.jpg"), (image.OriginalUrl, image.PreviewUrl));
    }

    [Fact]
    public void Buttons_template_gives_a_card_with_its_actions()
    {
        var template = Assert.IsType<TemplateMessageView>(Parse("""
            {"type":"template","altText":"選單","template":{"type":"buttons","thumbnailImageUrl":"https://example.com/t.jpg",
              "title":"會員中心","text":"請選擇",
              "actions":[
                {"type":"postback","label":"查點數","data":"action=points","displayText":"我的點數"},
                {"type":"message","label":"說嗨","text":"嗨"},
                {"type":"uri","label":"官網","uri":"https://example.com"},
                {"type":"uri","label":"壞連結","uri":"javascript:alert(1)"}]}}
            """));

        var card = Assert.Single(template.Cards);
        Assert.Equal(("https://example.com/t.jpg", "會員中心", "請選擇"), (card.ImageUrl, card.Title, card.Text));
        Assert.Equal(new ChatAction("postback", "查點數", Data: "action=points", DisplayText: "我的點數"), card.Actions[0]);
        Assert.True(card.Actions[0].SendsEvent);
        Assert.Equal(new ChatAction("message", "說嗨", Text: "嗨"), card.Actions[1]);
        Assert.True(card.Actions[2].IsLink);
        Assert.False(card.Actions[3].IsLink);
        Assert.False(card.Actions[3].SendsEvent);
        Assert.False(template.IsConfirm);
    }

    [Fact]
    public void Confirm_and_carousels_are_cards_too()
    {
        var confirm = Assert.IsType<TemplateMessageView>(Parse("""
            {"type":"template","altText":"?","template":{"type":"confirm","text":"確定？",
              "actions":[{"type":"message","label":"是","text":"是"},{"type":"message","label":"否","text":"否"}]}}
            """));
        var carousel = Assert.IsType<TemplateMessageView>(Parse("""
            {"type":"template","altText":"?","template":{"type":"carousel","columns":[
              {"text":"A","actions":[{"type":"postback","label":"a","data":"a"}]},
              {"text":"B","actions":[{"type":"postback","label":"b","data":"b"}]}]}}
            """));
        var images = Assert.IsType<TemplateMessageView>(Parse("""
            {"type":"template","altText":"?","template":{"type":"image_carousel","columns":[
              {"imageUrl":"https://example.com/1.jpg","action":{"type":"postback","label":"1","data":"1"}}]}}
            """));

        Assert.True(confirm.IsConfirm);
        Assert.Equal(["是", "否"], confirm.Cards[0].Actions.Select(a => a.Label));
        Assert.Equal(["A", "B"], carousel.Cards.Select(c => c.Text));
        Assert.Equal("1", Assert.Single(Assert.Single(images.Cards).Actions).Data);
    }

    [Fact]
    public void Quick_reply_items_become_actions()
    {
        var view = Parse("""
            {"type":"text","text":"選一個","quickReply":{"items":[
              {"type":"action","action":{"type":"postback","label":"點數","data":"points"}},
              {"type":"action","action":{"type":"message","label":"客服","text":"我要找客服"}},
              "garbage"]}}
            """);

        Assert.Equal(["點數", "客服"], view.QuickReplies.Select(a => a.Label));
    }

    [Theory]
    [InlineData("""{"type":"video","originalContentUrl":"https://example.com/v.mp4"}""", "video")]
    [InlineData("""{"type":"imagemap","altText":"地圖"}""", "imagemap")]
    [InlineData("""{"type":"image","originalContentUrl":"javascript:x"}""", "image")]
    [InlineData("""[1,2]""", "?")]
    public void Anything_else_is_shown_as_unsupported(string json, string type)
    {
        Assert.Equal(type, Assert.IsType<UnsupportedMessageView>(Parse(json)).Type);
    }

    [Fact]
    public void Flex_messages_give_their_bubbles()
    {
        var flex = Assert.IsType<FlexMessageView>(Parse("""
            {"type":"flex","altText":"卡片","contents":{"type":"carousel","contents":[
              {"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"1"}]}},
              {"type":"bubble","size":"kilo","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"2"}]}},
              {"type":"nonsense"}]}}
            """));

        Assert.Equal("卡片", flex.AltText);
        Assert.Equal(["300px", "260px"], flex.Bubbles.Select(b => b.Width));
    }
}
