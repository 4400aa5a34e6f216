using System.Globalization;
using Membership.Contracts.Automation;
using Membership.Contracts.Conversations;
using Membership.Shared.Time;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>Business hours that exclude now (Asia/Taipei), and a person's conversation that goes idle after two seconds.</summary>
public sealed class HandoffLineSandbox : LineSandbox
{
    public static readonly TimeOnly Opens = TimeOnly.FromDateTime(TaipeiTime.ToTaipei(DateTimeOffset.UtcNow).DateTime).AddHours(2);

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Conversations:BusinessHours"] = $"{Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}-{Opens.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture)}",
        ["Conversations:BackToBotAfter"] = "00:00:02",
    };
}

public sealed class HandoffTests(HandoffLineSandbox line) : IClassFixture<HandoffLineSandbox>
{
    [Fact]
    public async Task Outside_business_hours_the_hand_off_gives_the_opening_time_and_an_idle_person_conversation_goes_back_to_the_bot()
    {
        var automation = line.Services.GetRequiredService<IAutomationModule>();
        Assert.True((await automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
            null, "停車", AutoReplySource.Text, ["停車"], KeywordMatchMode.Contains, 10, true, null,
            [System.Text.Json.JsonSerializer.SerializeToElement(new { type = "text", text = "門口右轉有停車場" })], null, "test"))).Succeeded);
        var user = await line.FriendAsync("晚上來問的顧客");

        await line.SendEventAsync(user, "message", "找客服");
        await line.ConversationAsync(user, c => c.Mode == ConversationMode.Person);
        var conversations = line.Services.GetRequiredService<IConversationsModule>();
        Assert.Equal(1, await conversations.CountWaitingForPersonAsync()); // the console's badge and notice
        var away = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(x => ((string?)x!["message"]?["text"])?.Contains("非營業時間") == true));
        var acknowledgement = (string)away.Last(x => ((string?)x!["message"]?["text"])?.Contains("非營業時間") == true)!["message"]!["text"]!;
        Assert.Contains(HandoffLineSandbox.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), acknowledgement, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // nobody on the staff side acted
        await line.SendEventAsync(user, "message", "請問停車?");
        await line.ConversationAsync(user, c => c.Mode == ConversationMode.Bot);
        Assert.Equal(0, await conversations.CountWaitingForPersonAsync());
        await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(x => (string?)x!["message"]?["text"] == "門口右轉有停車場"));
    }
}
