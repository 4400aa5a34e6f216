using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Line.Greeting;

namespace Membership.Line.RichMenu;

/// <summary>
/// Answers the default rich menu's buttons with a free reply: the signed card or registration link, news; other modules'
/// <see cref="ILinePostbackResponder"/>s first (Points answers 我的點數), the placeholder text when none is installed.
/// </summary>
internal sealed class RichMenuPostbackHandler(
    ILineMessagingClient line,
    IMembersModule members,
    IMemberLinks links,
    LineChannelSettings settings,
    IEnumerable<ILinePostbackResponder> responders)
{
    /// <returns>False when the data is not one of the rich menu's.</returns>
    public async Task<bool> TryReplyAsync(string lineUserId, string data, string? replyToken, CancellationToken ct)
    {
        if (replyToken is null)
        {
            return false;
        }

        foreach (var responder in responders)
        {
            if (await responder.AnswerAsync(lineUserId, data, ct) is { } messages)
            {
                await ReplyAsync(new ReplyMessageRequest(replyToken, messages), ct);
                return true;
            }
        }

        var text = data switch
        {
            RichMenuPostbacks.Card => await CardTextAsync(lineUserId, ct),
            RichMenuPostbacks.Register => await RegisterTextAsync(lineUserId, ct),
            RichMenuPostbacks.Points => $"點數功能即將開放，敬請期待！\n會員卡：{links.CardUrl(lineUserId)}",
            RichMenuPostbacks.News => await settings.GetNewsAsync(ct),
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        await ReplyAsync(new ReplyMessageRequest(replyToken, [new TextMessage(text)]), ct);
        return true;
    }

    private async Task ReplyAsync(ReplyMessageRequest reply, CancellationToken ct)
    {
        try
        {
            await line.ReplyAsync(reply, ct);
        }
        catch (LineApiException ex) when (ex.IsInvalidReplyToken)
        {
            // Expired or already used (a redelivery): the user taps again; no paid push for a menu answer.
        }
    }

    private async Task<string> CardTextAsync(string lineUserId, CancellationToken ct) =>
        await IsRegisteredAsync(lineUserId, ct)
            ? $"您的會員卡：\n{links.CardUrl(lineUserId)}"
            : $"您還不是會員，一分鐘完成註冊即可使用會員卡：\n{links.RegisterUrl(lineUserId)}";

    private async Task<string> RegisterTextAsync(string lineUserId, CancellationToken ct) =>
        await IsRegisteredAsync(lineUserId, ct)
            ? $"您已經是會員了！會員卡：\n{links.CardUrl(lineUserId)}"
            : $"一分鐘完成會員註冊：\n{links.RegisterUrl(lineUserId)}";

    private async Task<bool> IsRegisteredAsync(string lineUserId, CancellationToken ct) =>
        (await members.FindByLineUserIdAsync(lineUserId, ct))?.Status == MemberStatus.Registered;
}
