using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Members;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Members;

/// <summary>
/// Search semantics that keep a million members fast: counts capped past the page, one or two characters as the
/// start of a name or a given name, fuzzy text ranked best first. 1,100 members are written straight into the table.
/// </summary>
public sealed class MemberSearchAtScaleTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    private const int Lins = 1_100;

    private IMemberDirectory Directory => app.Services.GetRequiredService<IMemberDirectory>();

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO members_members (id, member_code, status, name, gender, friend_status, created_at)
            SELECT gen_random_uuid(), lpad(i::text, 12, '0'), 2, '林' || (ARRAY['志明', '雅婷', '建宏'])[1 + i % 3], 0, 0, now() - i * interval '1 minute'
            FROM generate_series(1, @lins) AS i
            WHERE NOT EXISTS (SELECT 1 FROM members_members WHERE member_code = '000000000001');
            INSERT INTO members_members (id, member_code, status, name, gender, friend_status, created_at, line_display_name)
            VALUES (gen_random_uuid(), '900000000001', 2, '陳怡君', 0, 1, now(), '小君'),
                   (gen_random_uuid(), '900000000002', 2, '陳宜君', 0, 1, now(), NULL),
                   (gen_random_uuid(), '900000000003', 2, '張怡君', 0, 1, now(), NULL)
            ON CONFLICT DO NOTHING;
            """, connection);
        command.Parameters.AddWithValue("lins", Lins);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_broad_search_counts_up_to_the_cap_past_the_page_and_says_so()
    {
        var first = await Directory.SearchAsync(new MemberQuery("林"), new PageRequest(1, 25));
        var last = await Directory.SearchAsync(new MemberQuery("林"), new PageRequest(44, 25));

        Assert.True(first.TotalIsLowerBound);
        Assert.Equal(1_000, first.TotalCount);
        Assert.Equal(40, first.PageCount);
        Assert.Equal(25, first.Items.Count);
        Assert.False(last.TotalIsLowerBound); // counted from page 44 on: all of them
        Assert.Equal(Lins, last.TotalCount);
        Assert.Equal(Lins - (43 * 25), last.Items.Count);
    }

    [Fact]
    public async Task The_member_list_shows_a_capped_count_as_more_than_the_cap()
    {
        var staff = await app.Factory.SignedInClientAsync("staff@demo.local");

        var broad = await staff.GetStringAsync("/members?q=%E6%9E%97"); // 林
        var narrow = await staff.GetStringAsync("/members?q=%E6%80%A1%E5%90%9B"); // 怡君

        Assert.Contains("超過 1,000 位會員", broad, StringComparison.Ordinal);
        Assert.Contains("共 2 位會員", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_narrow_search_has_an_exact_count()
    {
        var found = await Directory.SearchAsync(new MemberQuery("怡君"), new PageRequest());

        Assert.False(found.TotalIsLowerBound);
        Assert.Equal(2, found.TotalCount);
    }

    [Fact]
    public async Task Two_characters_are_the_start_of_a_name_or_line_name_or_a_given_name()
    {
        var surnameAndFirst = await Directory.SearchAsync(new MemberQuery("陳怡"), new PageRequest());
        var givenName = await Directory.SearchAsync(new MemberQuery("怡君"), new PageRequest());
        var lineName = await Directory.SearchAsync(new MemberQuery("小君"), new PageRequest());

        Assert.Equal(["陳怡君"], surnameAndFirst.Items.Select(m => m.Name));
        Assert.Equal(["陳怡君", "張怡君"], givenName.Items.Select(m => m.Name!).Order().Reverse());
        Assert.Equal(["陳怡君"], lineName.Items.Select(m => m.Name));
    }

    [Fact]
    public async Task Fuzzy_text_lists_the_exact_name_before_similar_ones()
    {
        var found = await Directory.SearchAsync(new MemberQuery("陳怡君"), new PageRequest());

        Assert.Equal("陳怡君", found.Items[0].Name);
        Assert.DoesNotContain(found.Items, m => m.Name!.StartsWith('林'));
    }

    [Fact]
    public void The_console_lists_a_search_best_match_first_unless_an_order_was_chosen()
    {
        Assert.Null(new MemberListFilter(Search: "陳怡君").ToSort());
        Assert.Equal(new MemberSort(), new MemberListFilter().ToSort());
        Assert.Equal(new MemberSort(MemberSortField.Name, false), new MemberListFilter(Search: "陳", Sort: MemberSortField.Name, Descending: false).ToSort());
    }
}
