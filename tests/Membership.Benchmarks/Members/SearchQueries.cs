using Npgsql;

namespace Membership.Benchmarks.Members;

/// <summary>One kind of search a staff member types, with the texts to time (taken from the seeded members).</summary>
internal sealed record SearchKind(string Name, string Description, IReadOnlyList<string> Texts);

/// <summary>
/// Search texts drawn from real rows of the seeded database (a fixed random seed, so runs compare): parts of
/// mobiles, full names, two-character names, name fragments, typos, member codes and LINE display names.
/// </summary>
internal static class SearchQueries
{
    private const string CommonCharacters = "怡君雅婷淑芬美玲佳穎宜欣詩涵家豪俊傑建宏冠宇志明文華";

    public static async Task<IReadOnlyList<SearchKind>> LoadAsync(string connectionString, int perKind, int seed)
    {
        var random = new Random(seed);
        var names = await SampleAsync(connectionString, "name", perKind, seed);
        var mobiles = await SampleAsync(connectionString, "mobile", perKind, seed);
        var codes = await SampleAsync(connectionString, "member_code", perKind, seed);
        var lineNames = await SampleAsync(connectionString, "line_display_name", perKind, seed);
        return
        [
            new("mobile-part", "4-6 consecutive digits of a real mobile", mobiles.Select(m => Part(random, m, random.Next(4, 7))).ToList()),
            new("full-name", "a real full name (3 characters)", names),
            new("two-chars", "two characters: surname + first of the given name, or the given name", names.Select((n, i) => i % 2 == 0 ? n[..2] : n[1..]).ToList()),
            new("name-fragment", "surname + last character (a middle one left out)", names.Select(n => $"{n[0]}{n[^1]}").ToList()),
            new("typo", "a full name with one character replaced", names.Select(n => Typo(random, n)).ToList()),
            new("member-code", "a real 12-digit member code", codes),
            new("line-name", "a real LINE display name", lineNames),
        ];
    }

    private static string Part(Random random, string text, int length) => text.Substring(random.Next(text.Length - length + 1), length);

    private static string Typo(Random random, string name)
    {
        var chars = name.ToCharArray();
        var at = 1 + random.Next(chars.Length - 1); // the surname is rarely mistyped
        var replacement = CommonCharacters[random.Next(CommonCharacters.Length)];
        chars[at] = replacement == chars[at] ? '玉' : replacement;
        return new string(chars);
    }

    private static async Task<List<string>> SampleAsync(string connectionString, string column, int count, int seed)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // REPEATABLE: the same rows every run against the same database.
        await using var command = new NpgsqlCommand(
            $"SELECT {column} FROM members_members TABLESAMPLE BERNOULLI (1) REPEATABLE ({seed}) WHERE {column} IS NOT NULL LIMIT {count}", connection);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
