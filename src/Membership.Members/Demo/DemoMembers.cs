using Membership.Members.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Members.Demo;

/// <summary>Seeds demo members into an empty members table (never on top of real data).</summary>
internal sealed partial class DemoMembers(IDbContextFactory<MembersDbContext> dbFactory, TimeProvider clock, ILogger<DemoMembers> logger)
{
    public const int Seed = 20_261_125;

    /// <returns>How many members were written: 0 when members exist.</returns>
    public async Task<int> SeedAsync(int count, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (count <= 0 || await db.Members.AnyAsync(ct))
        {
            return 0;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var termsVersion = await db.Terms.MaxAsync(t => (int?)t.Version, ct) ?? 1;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var members = new DemoMemberGenerator(Seed, clock.GetUtcNow()).Generate(count);
        var written = await DemoMemberWriter.WriteAsync(connection, members, termsVersion, ct);
        await transaction.CommitAsync(ct);
        LogSeeded(logger, written, watch.ElapsedMilliseconds);
        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: seeded {Count} members in {ElapsedMs} ms")]
    private static partial void LogSeeded(ILogger logger, int count, long elapsedMs);
}
