using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Staff;
using Membership.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Membership.Web.Tests.Privacy;

public sealed partial class MemberPrivacyTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private IMembersModule Members => app.Services.GetRequiredService<IMembersModule>();

    private IMemberPrivacy Privacy => app.Services.GetRequiredService<IMemberPrivacy>();

    [Fact]
    public async Task Erasure_leaves_no_personal_field_but_keeps_the_member_code()
    {
        var member = await LineMemberWithDataAsync("Uerase000000000000000000000000001", "0911000001");

        Assert.True(await Privacy.EraseAsync(member.Id, "會員來電要求刪除個資"));

        var row = await RowAsync("SELECT * FROM members_members WHERE id = @id", member.Id);
        Assert.Equal(member.MemberCode, row["member_code"]);
        Assert.Equal((int)MemberStatus.Erased, row["status"]);
        Assert.NotNull(row["erased_at"]);
        foreach (var column in new[] { "name", "mobile", "email", "birthday", "region", "preferred_store", "line_user_id", "line_display_name", "picture_url", "language" })
        {
            Assert.True(row[column] is null, $"{column} still holds {row[column]}");
        }

        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM members_notes WHERE member_id = @id", member.Id));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM members_timeline_entries WHERE member_id = @id AND summary <> ''", member.Id));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM members_timeline_entries WHERE member_id = @id AND kind = 'member.erased'", member.Id));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM members_consents WHERE member_id = @id", member.Id));
    }

    [Fact]
    public async Task Erasure_is_audited_with_the_reason_and_happens_once()
    {
        var member = await LineMemberWithDataAsync("Uerase000000000000000000000000002", "0911000002");

        await Privacy.EraseAsync(member.Id, "書面申請 #42");
        await Privacy.EraseAsync(member.Id, "書面申請 #42（重送）");

        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new("member.erased", "member", member.Id.ToString()), new PageRequest());
        Assert.Equal("書面申請 #42", Assert.Single(audit.Items).Reason);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM members_timeline_entries WHERE member_id = @id AND kind = 'member.erased'", member.Id));
    }

    [Fact]
    public async Task After_erasure_the_same_line_user_following_again_is_a_new_member()
    {
        const string LineUserId = "Uerase000000000000000000000000003";
        var member = await LineMemberWithDataAsync(LineUserId, "0911000003");
        await Privacy.EraseAsync(member.Id, "要求刪除");

        var again = await Members.RecordLineFollowAsync(new LineFollow(LineUserId, DateTimeOffset.UtcNow, "evt-erase-3b", true, "又來了", null, null));

        Assert.NotEqual(member.Id, again.Id);
        Assert.NotEqual(member.MemberCode, again.MemberCode);
        Assert.Equal(MemberStatus.Erased, (await Members.GetAsync(member.Id))!.Status);
    }

    [Fact]
    public async Task Erasure_and_export_need_a_reason()
    {
        var member = await LineMemberWithDataAsync("Uerase000000000000000000000000004", "0911000004");

        await Assert.ThrowsAsync<ArgumentException>(() => Privacy.EraseAsync(member.Id, " "));
        await Assert.ThrowsAsync<ArgumentException>(() => Privacy.ExportAsync(member.Id, ""));
    }

    [Fact]
    public async Task The_owner_downloads_the_members_data_as_json_with_profile_and_timeline()
    {
        var member = await LineMemberWithDataAsync("Uexport00000000000000000000000001", "0922000001");
        var owner = await app.Factory.SignedInClientAsync("owner@demo.local");
        var page = await owner.GetStringAsync($"/members/{member.Id}");
        Assert.Contains("data-testid=\"member-erase\"", page, StringComparison.Ordinal);

        var response = await owner.PostAsync($"/members/{member.Id}/export", Form(page, "會員申請查閱"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"member-{member.MemberCode}-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(member.MemberCode, (string?)export["profile"]!["memberCode"]);
        Assert.Equal("0922000001", (string?)export["profile"]!["mobile"]);
        Assert.Equal("王小華", (string?)export["profile"]!["name"]);
        Assert.Equal("喜歡無糖", (string?)export["profile"]!["notes"]![0]!["text"]);
        Assert.Equal(1, (int?)export["profile"]!["consents"]![0]!["termsVersion"]);
        Assert.Contains(export["timeline"]!.AsArray(), e => (string?)e!["kind"] == TimelineKinds.Message && (string?)e["summary"] == "我想訂兩杯");
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new("member.exported", "member", member.Id.ToString()), new PageRequest());
        var entry = Assert.Single(audit.Items);
        Assert.Equal("會員申請查閱", entry.Reason);
        Assert.Equal("owner@demo.local", entry.ActorName);
    }

    [Theory]
    [InlineData("staff@demo.local")]
    [InlineData("marketer@demo.local")]
    public async Task Non_owners_can_neither_export_nor_erase(string email)
    {
        var member = await LineMemberWithDataAsync($"Unoown{email[0]}00000000000000000000000001", email[0] == 's' ? "0933000001" : "0933000002");
        var client = await app.Factory.SignedInClientAsync(email);
        var page = await client.GetStringAsync($"/members/{member.Id}");

        var response = await client.PostAsync($"/members/{member.Id}/export", Form(page, "想看看"));

        Assert.DoesNotContain("member-erase", page, StringComparison.Ordinal);
        Assert.DoesNotContain("member-export", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // an endpoint, not a page: .NET 10 cookies answer 403
        Assert.Empty((await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new("member.exported", "member", member.Id.ToString()), new PageRequest())).Items);
    }

    [Fact]
    public async Task The_personal_data_claim_appears_once_an_owner_grants_it()
    {
        var users = app.Services.GetRequiredService<UserManager<StaffUser>>();
        var staff = (await users.FindByEmailAsync("staff@demo.local"))!;
        var owner = (await users.FindByEmailAsync("owner@demo.local"))!;
        var before = await ClaimsOfAsync(staff.Id);

        await app.Services.GetRequiredService<StaffDirectory>().SetPersonalDataAccessAsync(staff.Id, true);
        var granted = await ClaimsOfAsync(staff.Id);
        await app.Services.GetRequiredService<StaffDirectory>().SetPersonalDataAccessAsync(staff.Id, false);
        var revoked = await ClaimsOfAsync(staff.Id);

        Assert.False(before.HasClaim(StaffClaimsPrincipalFactory.PersonalDataClaim, "full"));
        Assert.True(granted.HasClaim(StaffClaimsPrincipalFactory.PersonalDataClaim, "full"));
        Assert.False(revoked.HasClaim(StaffClaimsPrincipalFactory.PersonalDataClaim, "full"));
        Assert.True((await ClaimsOfAsync(owner.Id)).HasClaim(StaffClaimsPrincipalFactory.PersonalDataClaim, "full"));
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new("staff.personal-data", "staff", staff.Id.ToString()), new PageRequest());
        Assert.Equal(["staff.personal-data-revoked", "staff.personal-data-granted"], audit.Items.Select(e => e.Action));
    }

    private async Task<ClaimsPrincipal> ClaimsOfAsync(Guid userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId.ToString()))!);
    }

    /// <summary>A LINE friend with a full profile, a note, a consent and a chat message (written as the other features would).</summary>
    private async Task<MemberSummary> LineMemberWithDataAsync(string lineUserId, string mobile)
    {
        var member = await Members.RecordLineFollowAsync(new LineFollow(lineUserId, DateTimeOffset.UtcNow, $"evt-{lineUserId}-f", false, "小華", "https://example.com/h.png", "zh-TW"));
        await Members.RecordLineActivityAsync(new LineActivity(lineUserId, DateTimeOffset.UtcNow, $"evt-{lineUserId}-m", TimelineKinds.Message, "我想訂兩杯"));
        await ExecuteAsync(
            """
            UPDATE members_members SET name = '王小華', mobile = @mobile, email = 'hua@example.com', birthday = '1995-03-08', gender = 1,
                region = 'TPE', preferred_store = 'TPE-01', status = 1, registered_at = now() WHERE id = @id;
            INSERT INTO members_privacy_terms (version, text, published_at) VALUES (1, '條款', now()) ON CONFLICT DO NOTHING;
            INSERT INTO members_consents (id, member_id, terms_version, accepted_at, channel) VALUES (gen_random_uuid(), @id, 1, now(), 'line');
            INSERT INTO members_notes (id, member_id, created_at, author, text) VALUES (gen_random_uuid(), @id, now(), '陳店員', '喜歡無糖');
            """,
            member.Id, mobile);
        return member;
    }

    private static FormUrlEncodedContent Form(string page, string reason)
    {
        var token = TokenPattern().Match(page);
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : "",
            ["reason"] = reason,
        });
    }

    private async Task<Dictionary<string, object?>> RowAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, Guid id, string mobile)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("mobile", mobile);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
