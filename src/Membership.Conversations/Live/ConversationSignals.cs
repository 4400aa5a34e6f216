using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Conversations.Live;

/// <summary>
/// Tells every open console, in every app instance, that a conversation changed: writers <c>NOTIFY conversations</c>
/// inside their transaction (delivered on commit), and this listener raises <see cref="Changed"/> in its process.
/// </summary>
internal sealed partial class ConversationSignals(NpgsqlDataSource dataSource, ILogger<ConversationSignals> logger) : BackgroundService
{
    public const string Channel = "conversations";

    public const string NotifySql = "SELECT pg_notify('conversations', @conversation::text)";

    public event Action<Guid>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        Changed?.Invoke(id);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex); // the database restarted, say: listen again
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public static NpgsqlCommand Notify(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid conversationId)
    {
        var command = new NpgsqlCommand(NotifySql, connection, transaction);
        command.Parameters.AddWithValue("conversation", conversationId);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for conversation changes failed; listening again")]
    private partial void LogListenFailed(Exception ex);
}
