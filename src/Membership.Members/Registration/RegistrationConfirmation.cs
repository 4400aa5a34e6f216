using System.Security.Cryptography;
using System.Text;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Microsoft.Extensions.Logging;

namespace Membership.Members.Registration;

/// <summary>
/// The "welcome, here is your card" push after registration. Its retry key is fixed by the member, so LINE
/// accepts it once however often it is retried. A LINE outage does not undo a registration: it is logged.
/// </summary>
internal sealed partial class RegistrationConfirmation(ILineMessagingClient line, IMemberLinks links, ILogger<RegistrationConfirmation> logger)
{
    public async Task SendAsync(MemberSummary member, CancellationToken ct)
    {
        if (member.LineUserId is null)
        {
            return;
        }

        var text = $"""
            {member.Name}，歡迎成為會員！🎉
            會員編號：{member.MemberCode}
            會員卡：{links.CardUrl(member.LineUserId)}
            """;
        try
        {
            await line.PushAsync(new PushMessageRequest(member.LineUserId, [new TextMessage(text)]), RetryKeyFor(member.Id), ct);
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            LogPushFailed(ex, member.Id);
        }
    }

    /// <summary>A UUID (RFC 9562 version 8) fixed by the member: every retry of this push carries the same key.</summary>
    internal static Guid RetryKeyFor(Guid memberId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId:N}:registration-confirmation"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration confirmation for member {MemberId} could not be pushed")]
    private partial void LogPushFailed(Exception exception, Guid memberId);
}
