using System.Security.Cryptography;
using System.Text;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;

namespace Membership.Members.Registration;

/// <summary>
/// The "welcome, here is your card" push, sent from the Members outbox once the registration has committed: a LINE
/// outage neither slows the member's form nor loses the message (the outbox retries). The retry key is fixed by the
/// member, so LINE accepts the push once however often it is delivered.
/// </summary>
internal sealed class SendConfirmationOnMemberRegistered(ILineMessagingClient line, IMembersModule members, IMemberLinks links)
    : IIntegrationEventHandler<MemberRegistered>
{
    public async Task HandleAsync(MemberRegistered integrationEvent, Guid messageId, CancellationToken ct)
    {
        if (integrationEvent.LineUserId is not { } lineUserId)
        {
            return;
        }

        var member = await members.GetAsync(integrationEvent.MemberId, ct);
        var text = CustomerLanguage.IsEnglish(member?.Language)
            ? $"""
                Welcome to the membership, {member?.Name}! 🎉
                Member number: {integrationEvent.MemberCode}
                Member card: {links.CardUrl(lineUserId)}
                """
            : $"""
                {member?.Name}，歡迎成為會員！🎉
                會員編號：{integrationEvent.MemberCode}
                會員卡：{links.CardUrl(lineUserId)}
                """;
        await line.PushAsync(new PushMessageRequest(lineUserId, [new TextMessage(text)]), RetryKeyFor(integrationEvent.MemberId), ct);
    }

    /// <summary>A UUID (RFC 9562 version 8) fixed by the member.</summary>
    internal static Guid RetryKeyFor(Guid memberId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId:N}:registration-confirmation"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
