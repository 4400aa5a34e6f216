using System.Text.Json;
using Membership.Web.Simulator.Chat;

namespace Membership.Web.Tests.Simulator;

public sealed class FlexParserTests
{
    private static FlexBubble Bubble(string json) => FlexParser.Bubble(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void A_bubble_has_its_sections_and_their_background_colours()
    {
        var bubble = Bubble("""
            {"type":"bubble",
             "header":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"會員卡"}]},
             "hero":{"type":"image","url":"https://example.com/hero.jpg","size":"full","aspectRatio":"20:13","aspectMode":"cover"},
             "body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"點數 120"}]},
             "footer":{"type":"box","layout":"vertical","contents":[{"type":"button","style":"primary","action":{"type":"postback","label":"兌換","data":"redeem"}}]},
             "styles":{"header":{"backgroundColor":"#06C755"},"footer":{"backgroundColor":"red"}}}
            """);

        Assert.NotNull(bubble.Header);
        var hero = Assert.IsType<FlexImage>(bubble.Hero);
        Assert.Contains("width:100%", hero.ImageStyle, StringComparison.Ordinal);
        Assert.Contains("aspect-ratio:20 / 13", hero.ImageStyle, StringComparison.Ordinal);
        Assert.Contains("object-fit:cover", hero.ImageStyle, StringComparison.Ordinal);
        Assert.Equal("點數 120", Assert.IsType<FlexText>(Assert.Single(bubble.Body!.Contents)).Text);
        var button = Assert.IsType<FlexButton>(Assert.Single(bubble.Footer!.Contents));
        Assert.Equal(("primary", "redeem"), (button.Variant, button.Action.Data));
        Assert.Equal(new FlexSectionColors(Header: "#06C755"), bubble.Colors); // "red" is not a LINE colour
    }

    [Fact]
    public void Children_of_horizontal_boxes_grow_and_take_left_margins_children_of_vertical_ones_do_not()
    {
        var bubble = Bubble("""
            {"type":"bubble","body":{"type":"box","layout":"vertical","spacing":"md","contents":[
              {"type":"text","text":"a","margin":"lg"},
              {"type":"box","layout":"horizontal","contents":[
                {"type":"text","text":"b"},{"type":"text","text":"c","flex":3,"margin":"sm"}]}]}}
            """);

        var body = bubble.Body!;
        var first = Assert.IsType<FlexText>(body.Contents[0]);
        var row = Assert.IsType<FlexBox>(body.Contents[1]);
        Assert.Contains("gap:8px", body.Style, StringComparison.Ordinal);
        Assert.Contains("flex:0 0 auto", first.Style, StringComparison.Ordinal);
        Assert.Contains("margin-top:12px", first.Style, StringComparison.Ordinal);
        Assert.Equal("horizontal", row.Layout);
        Assert.Contains("flex:1 1 0px", row.Contents[0].Style, StringComparison.Ordinal);
        Assert.Contains("flex:3 1 0px", row.Contents[1].Style, StringComparison.Ordinal);
        Assert.Contains("margin-left:4px", row.Contents[1].Style, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_size_weight_colour_and_wrapping_become_css_and_bad_values_are_dropped()
    {
        var bubble = Bubble("""
            {"type":"bubble","body":{"type":"box","layout":"vertical","contents":[
              {"type":"text","text":"大標","size":"xl","weight":"bold","color":"#111111","wrap":true,"align":"center"},
              {"type":"text","text":"x","size":"huge","color":"red;background:url(x)"},
              {"type":"text","text":"ignored","contents":[{"type":"span","text":"紅","color":"#ff0000"},{"type":"span","text":"字","weight":"bold"}]}]}}
            """);

        var (title, bad, spans) = (Assert.IsType<FlexText>(bubble.Body!.Contents[0]), (FlexText)bubble.Body.Contents[1], (FlexText)bubble.Body.Contents[2]);
        Assert.Contains("font-size:20px", title.Style, StringComparison.Ordinal);
        Assert.Contains("font-weight:700", title.Style, StringComparison.Ordinal);
        Assert.Contains("color:#111111", title.Style, StringComparison.Ordinal);
        Assert.Contains("white-space:pre-wrap", title.Style, StringComparison.Ordinal);
        Assert.Contains("text-align:center", title.Style, StringComparison.Ordinal);
        Assert.DoesNotContain("font-size", bad.Style, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", bad.Style, StringComparison.Ordinal);
        Assert.Contains("white-space:nowrap", bad.Style, StringComparison.Ordinal);
        Assert.Equal(["紅", "字"], spans.Spans.Select(s => s.Text));
        Assert.Equal("color:#ff0000;", spans.Spans[0].Style);
    }

    [Fact]
    public void Unknown_components_and_unsafe_images_are_skipped_separators_and_fillers_kept()
    {
        var bubble = Bubble("""
            {"type":"bubble","body":{"type":"box","layout":"baseline","contents":[
              {"type":"icon","url":"https://example.com/star.png","size":"sm"},
              {"type":"video","url":"https://example.com/v.mp4"},
              {"type":"image","url":"data:image/png;base64,AAAA"},
              {"type":"separator","color":"#cccccc"},
              {"type":"filler"},
              {"type":"button","action":{"type":"uri","label":"官網","uri":"https://example.com"}},
              {"type":"button"}]}}
            """);

        var contents = bubble.Body!.Contents;
        Assert.Equal("baseline", bubble.Body.Layout);
        Assert.Collection(
            contents,
            icon => Assert.Contains("height:13px", Assert.IsType<FlexIcon>(icon).Style, StringComparison.Ordinal),
            separator => Assert.Contains("border-left:1px solid #cccccc", Assert.IsType<FlexSeparator>(separator).Style, StringComparison.Ordinal),
            filler => Assert.IsType<FlexFiller>(filler),
            link => Assert.Equal(("link", true), (Assert.IsType<FlexButton>(link).Variant, ((FlexButton)link).Action.IsLink)));
    }

    [Fact]
    public void Box_decoration_and_tap_actions_are_kept()
    {
        var bubble = Bubble("""
            {"type":"bubble","body":{"type":"box","layout":"vertical","paddingAll":"xl","backgroundColor":"#F5F5F5",
              "cornerRadius":"md","borderWidth":"light","borderColor":"#DDDDDD","justifyContent":"space-between",
              "action":{"type":"postback","label":"open","data":"card"},"contents":[]}}
            """);

        var body = bubble.Body!;
        Assert.Equal("card", body.Action!.Data);
        Assert.Contains("padding:16px", body.Style, StringComparison.Ordinal);
        Assert.Contains("background-color:#F5F5F5", body.Style, StringComparison.Ordinal);
        Assert.Contains("border-radius:8px", body.Style, StringComparison.Ordinal);
        Assert.Contains("border:0.5px solid #DDDDDD", body.Style, StringComparison.Ordinal);
        Assert.Contains("justify-content:space-between", body.Style, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_nesting_is_cut_off()
    {
        var json = "{\"type\":\"text\",\"text\":\"deep\"}";
        for (var i = 0; i < 28; i++) // JSON itself stops at depth 64
        {
            json = $"{{\"type\":\"box\",\"layout\":\"vertical\",\"contents\":[{json}]}}";
        }

        var bubble = Bubble($"{{\"type\":\"bubble\",\"body\":{json}}}");

        var (node, depth) = (bubble.Body!, 0);
        while (node.Contents.Count > 0)
        {
            (node, depth) = ((FlexBox)node.Contents[0], depth + 1);
        }

        Assert.Equal(16, depth);
    }
}
