using System.Net;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>A small media limit, so that "too large" needs no megabytes in a test.</summary>
public sealed class MediaLineSandbox : LineSandbox
{
    public const int MaxBytes = 200;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Conversations:MediaMaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Stickers, media and locations customers send: content fetched once from LINE's data API and kept for staff.</summary>
public sealed class ConversationMediaTests(MediaLineSandbox line) : IClassFixture<MediaLineSandbox>
{
    private IConversationsModule Conversations => line.Services.GetRequiredService<IConversationsModule>();

    [Fact]
    public async Task Each_message_type_lands_in_the_thread_and_media_is_kept_once_within_the_size_limit()
    {
        var user = await line.FriendAsync("傳照片的顧客");
        var photo = new byte[] { 0x89, 0x50, 0x4E, 0x47, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
        var sentImage = await line.Line.SendMessageAsync(user, new { type = "image" }, photo, "image/png");
        await line.Line.SendMessageAsync(user, new { type = "sticker", packageId = "446", stickerId = "1988", stickerResourceType = "STATIC" });
        await line.Line.SendMessageAsync(user, new { type = "location", title = "台北車站", address = "台北市中正區", latitude = 25.0478, longitude = 121.5170 });
        await line.Line.SendMessageAsync(user, new { type = "file", fileName = "big.pdf" }, new byte[MediaLineSandbox.MaxBytes + 1], "application/pdf");
        await line.Line.SendMessageAsync(user, new { type = "audio", duration = 3000 }, new byte[] { 1, 2, 3 }, "audio/m4a");
        await line.RedeliverAsync((string)sentImage["webhookEventId"]!);

        var thread = await line.ThreadAsync(user, m => m.Count == 5 && m.All(x => x.Media is not MediaStatus.Pending));
        Assert.Equal(["image", "sticker", "location", "file", "audio"], thread.Select(m => m.Type));
        Assert.Equal([MediaStatus.Stored, null, null, MediaStatus.TooLarge, MediaStatus.Stored], thread.Select(m => m.Media));
        var image = (await Conversations.GetMediaAsync(thread[0].Id))!;
        Assert.Equal((MediaStatus.Stored, "image/png"), (image.Status, image.ContentType));
        Assert.Equal(photo, image.Bytes);
        Assert.Null(await Conversations.GetMediaAsync(thread[1].Id)); // a sticker has no content
        Assert.Null((await Conversations.GetMediaAsync(thread[3].Id))!.Bytes);
        var imagePath = $"/v2/bot/message/{(string)sentImage["message"]!["id"]!}/content";
        Assert.Single(await line.Line.RequestsAsync(), r => (string?)r!["path"] == imagePath); // fetched once: not again on redelivery
        Assert.Equal("[位置] 台北車站", MessagePreviewOf(thread[2]));
    }

    [Fact]
    public async Task Content_LINE_could_not_give_stays_pending_and_is_fetched_when_staff_open_it_or_reported_gone()
    {
        var user = await line.FriendAsync("網路不穩的顧客");
        await line.SetFaultsAsync(new { failureRate = 1.0, statusCodes = new[] { 500 } });
        var later = await line.Line.SendMessageAsync(user, new { type = "image" }, new byte[] { 1, 1, 1 }, "image/jpeg");
        var lost = await line.Line.SendMessageAsync(user, new { type = "video", duration = 1000 }, new byte[] { 2, 2 }, "video/mp4");
        var thread = await line.ThreadAsync(user, m => m.Count == 2);
        var lostPath = $"/v2/bot/message/{(string)lost["message"]!["id"]!}/content";
        await LineSandbox.EventuallyAsync(() => line.Line.RequestsAsync(), r => r.Any(x => (string?)x!["path"] == lostPath)); // tried: LINE answered 500
        await Task.Delay(300); // and its retries given up
        Assert.All(thread, m => Assert.Equal(MediaStatus.Pending, m.Media));

        await line.ClearFaultsAsync();
        await line.Line.ExpireContentAsync((string)lost["message"]!["id"]!);
        var fetched = await Conversations.GetMediaAsync(thread[0].Id);
        var gone = await Conversations.GetMediaAsync(thread[1].Id);

        Assert.Equal([1, 1, 1], fetched!.Bytes);
        Assert.Equal(MediaStatus.Gone, gone!.Status);
        Assert.Equal([MediaStatus.Stored, MediaStatus.Gone], (await Conversations.ListMessagesAsync((await line.ConversationAsync(user)).Id)).Select(m => m.Media));
        Assert.NotNull(later["webhookEventId"]);
    }

    [Fact]
    public async Task The_console_serves_media_to_signed_in_staff_only_and_never_inline_as_anything_but_media()
    {
        var user = await line.FriendAsync("傳檔案的顧客");
        await line.Line.SendMessageAsync(user, new { type = "file", fileName = "evil.html" }, "<script>alert(1)</script>"u8.ToArray(), "text/html");
        var thread = await line.ThreadAsync(user, m => m.Count == 1 && m[0].Media == MediaStatus.Stored);
        var path = $"/conversations/media/{thread[0].Id}";

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = line.AppAddress };
        var refused = await anonymous.GetAsync(path);
        using var staff = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = line.AppAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync("staff@demo.local", Membership.Testing.Web.MembershipWebFactory<Program>.DemoPassword)).StatusCode);
        var served = await staff.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/octet-stream", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private static string MessagePreviewOf(ConversationMessage message) => $"[位置] {message.Content.GetProperty("title").GetString()}";
}
