using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Integration;

/// <summary>The POS/ERP member API with the demo key, over HTTP.</summary>
public sealed class MemberApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private HttpClient Api
    {
        get
        {
            var client = app.Factory.CreateBrowserlessClient();
            client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, "demo-pos-key");
            return client;
        }
    }

    [Fact]
    public async Task Registering_a_new_mobile_creates_an_offline_member_and_again_returns_it_unchanged()
    {
        var first = await Api.PostAsJsonAsync("/api/v1/members", new
        {
            name = "陳美玲", mobile = "0912-345-678", email = "meiling@example.com", birthday = "1990-05-17", gender = "female", region = "臺北市",
            storeCode = "TPE-01",
        });
        var again = await Api.PostAsJsonAsync("/api/v1/members", new { name = "Someone else", mobile = "+886 912 345 678" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var code = (string)created["memberCode"]!;
        Assert.Equal($"/api/v1/members/{code}", first.Headers.Location!.OriginalString);
        Assert.Equal("0912345678", (string?)created["mobile"]);
        Assert.Equal("offline", (string?)created["status"]);
        Assert.Equal("female", (string?)created["gender"]);
        Assert.Equal("TPE", (string?)created["region"]);
        Assert.Equal("1990-05-17", (string?)created["birthday"]);
        Assert.Equal("neverFriend", (string?)created["friendStatus"]);
        Assert.Null(created["lineUserId"]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var existing = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(code, (string?)existing["memberCode"]);
        Assert.Equal("陳美玲", (string?)existing["name"]);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM members_members WHERE mobile = '0912345678'"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM members_consents"));
    }

    [Fact]
    public async Task An_api_registration_is_audited_as_the_api_key()
    {
        var response = await Api.PostAsJsonAsync("/api/v1/members", new { mobile = "0955000111" });
        var code = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["memberCode"]!;

        var member = await app.Services.GetRequiredService<IMemberIntegration>().FindByCodeAsync(code);
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new("member.created", "member", member!.Id.ToString()), new PageRequest());
        Assert.Equal("Demo POS", Assert.Single(audit.Items).ActorName);
    }

    [Fact]
    public async Task Consent_is_recorded_with_the_api_channel_only_when_given()
    {
        await ExecuteAsync("INSERT INTO members_privacy_terms (version, text, published_at) VALUES (3, '隱私權條款 v3', now()) ON CONFLICT DO NOTHING");

        var response = await Api.PostAsJsonAsync("/api/v1/members", new { mobile = "0933111222", consent = new { termsVersion = 3 } });
        var unknownTerms = await Api.PostAsJsonAsync("/api/v1/members", new { mobile = "0933111223", consent = new { termsVersion = 99 } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1L, await ScalarAsync(
            "SELECT count(*) FROM members_consents c JOIN members_members m ON m.id = c.member_id WHERE m.mobile = '0933111222' AND c.channel = 'api' AND c.terms_version = 3"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownTerms.StatusCode);
        Assert.NotNull((await unknownTerms.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["consent.termsVersion"]);
    }

    [Fact]
    public async Task Bad_fields_give_a_400_with_an_error_per_field_and_create_nothing()
    {
        var response = await Api.PostAsJsonAsync("/api/v1/members", new { mobile = "0212345678", email = "not-an-email", birthday = "1990-13-40", gender = "x", region = "Atlantis" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Invalid member data", (string?)problem["title"]);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["birthday", "email", "gender", "mobile", "region"], errors.Select(e => e.Key).Order());
        Assert.Contains("Taiwan mobile", (string?)errors["mobile"]![0], StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM members_members WHERE mobile = '0212345678'"));
    }

    [Fact]
    public async Task A_missing_mobile_is_a_field_error()
    {
        var response = await Api.PostAsJsonAsync("/api/v1/members", new { name = "無手機" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("required", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["mobile"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_found_by_code_and_unknown_or_mistyped_codes_are_told_apart()
    {
        var code = await RegisterAsync("0966123456");
        var unknown = OtherValidCode(code);
        var mistyped = code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));

        var found = await Api.GetAsync($"/api/v1/members/{code}");
        var missing = await Api.GetAsync($"/api/v1/members/{unknown}");
        var invalid = await Api.GetAsync($"/api/v1/members/{mistyped}");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("0966123456", (string?)(await found.Content.ReadFromJsonAsync<JsonObject>())!["mobile"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Member not found", (string?)(await missing.Content.ReadFromJsonAsync<JsonObject>())!["title"]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("Invalid member code", (string?)(await invalid.Content.ReadFromJsonAsync<JsonObject>())!["title"]);
    }

    [Theory]
    [InlineData("0977888999")]
    [InlineData("0977-888-999")]
    [InlineData("+886977888999")]
    [InlineData("+886 977 888 999")]
    public async Task A_member_is_found_by_mobile_in_any_common_format(string mobile)
    {
        var code = await RegisterAsync("0977888999");

        var response = await Api.GetAsync($"/api/v1/members?mobile={Uri.EscapeDataString(mobile)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["memberCode"]);
    }

    [Fact]
    public async Task A_line_friend_is_found_by_line_user_id()
    {
        var friend = await app.Services.GetRequiredService<IMembersModule>().RecordLineFollowAsync(
            new LineFollow("U1234567890abcdef1234567890abcdef", DateTimeOffset.UtcNow, "evt-api-1", false, "小明", null, "zh-TW"));

        var response = await Api.GetAsync("/api/v1/members?lineUserId=U1234567890abcdef1234567890abcdef");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var member = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(friend.MemberCode, (string?)member["memberCode"]);
        Assert.Equal("friend", (string?)member["status"]);
        Assert.Equal("friend", (string?)member["friendStatus"]);
    }

    [Theory]
    [InlineData("/api/v1/members")]
    [InlineData("/api/v1/members?mobile=0912345678&lineUserId=U1")]
    [InlineData("/api/v1/members?mobile=12345")]
    public async Task A_search_needs_exactly_one_valid_parameter(string url)
    {
        var response = await Api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_mobile_is_a_404_problem()
    {
        var response = await Api.GetAsync("/api/v1/members?mobile=0900000001");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> RegisterAsync(string mobile)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/members", new { mobile });
        Assert.True(response.IsSuccessStatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["memberCode"]!;
    }

    /// <summary>A different code with a correct check digit (Luhn), which no member has.</summary>
    private static string OtherValidCode(string code)
    {
        var body = (code[0] == '9' ? '1' : (char)(code[0] + 1)) + code[1..^1];
        for (var check = '0'; check <= '9'; check++)
        {
            if (IsLuhnValid(body + check))
            {
                return body + check;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static bool IsLuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
