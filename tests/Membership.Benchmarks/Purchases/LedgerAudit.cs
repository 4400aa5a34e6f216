using Npgsql;

namespace Membership.Benchmarks.Purchases;

/// <summary>The ledger's invariants after the load, for every member: no negative balance, ledger sum = balance = lot remainders.</summary>
internal sealed record LedgerCheck(long Accounts, long NegativeBalances, long LedgerMismatches, long LotMismatches, long Purchases, long EarnEntries, long Redemptions)
{
    public bool Passed => NegativeBalances == 0 && LedgerMismatches == 0 && LotMismatches == 0;

    public override string ToString() =>
        $"{(Passed ? "PASS" : "FAIL")}: {Accounts:N0} accounts, {NegativeBalances} negative, {LedgerMismatches} ledger sum ≠ balance, " +
        $"{LotMismatches} lot remainders ≠ balance; {Purchases:N0} purchases, {EarnEntries:N0} earn entries, {Redemptions:N0} redemptions";
}

internal sealed class LedgerAudit(string connectionString)
{
    private const string Sql = """
        WITH ledger AS (SELECT member_id, sum(points) AS points FROM points_ledger_entries GROUP BY member_id),
             lots AS (SELECT member_id, sum(remaining) AS points FROM points_lots GROUP BY member_id)
        SELECT
          (SELECT count(*) FROM points_accounts),
          (SELECT count(*) FROM points_accounts WHERE balance < 0),
          (SELECT count(*) FROM points_accounts a LEFT JOIN ledger l USING (member_id) WHERE a.balance <> coalesce(l.points, 0))
            + (SELECT count(*) FROM ledger l WHERE NOT EXISTS (SELECT 1 FROM points_accounts a WHERE a.member_id = l.member_id)),
          (SELECT count(*) FROM points_accounts a LEFT JOIN lots t USING (member_id) WHERE a.balance <> coalesce(t.points, 0)),
          (SELECT count(*) FROM points_purchases),
          (SELECT count(*) FROM points_ledger_entries WHERE kind = 0),
          (SELECT count(*) FROM points_ledger_entries WHERE kind = 1)
        """;

    public async Task<LedgerCheck> CheckAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new LedgerCheck(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    public async Task<string[]> MemberCodesAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT member_code FROM members_members", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var codes = new List<string>();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }

        return [.. codes];
    }
}
