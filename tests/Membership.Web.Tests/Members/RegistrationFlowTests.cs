using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Members;

/// <summary>Registration inside LINE, end to end: follow → greeting with a signed link → form → member → confirmation push.</summary>
public sealed class RegistrationFlowTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private IMembersModule Members => line.Services.GetRequiredService<IMembersModule>();

    [Fact]
    public async Task A_friend_registers_through_the_greeting_link_and_gets_a_confirmation_push()
    {
        var (userId, registerPath) = await FollowAndGetRegisterLinkAsync("王小明");
        var client = RegistrationForm.Client(line);

        var form = await client.GetStringAsync(registerPath);
        Assert.Contains("data-testid=\"register-terms\"", form, StringComparison.Ordinal);
        Assert.Contains("個人資料蒐集", form, StringComparison.Ordinal);
        var html = await RegistrationForm.SubmitAsync(client, registerPath, RegistrationForm.Valid());

        Assert.Contains("data-testid=\"register-done\"", html, StringComparison.Ordinal);
        var member = (await Members.FindByLineUserIdAsync(userId))!;
        Assert.Equal(MemberStatus.Registered, member.Status);
        Assert.Equal("王小明", member.Name);
        Assert.Equal("0912345678", member.Mobile);
        Assert.Equal("TPE", member.Region);
        Assert.NotNull(member.RegisteredAt);
        Assert.Equal(1, await Count("SELECT count(*) FROM members_consents WHERE member_id = @p0 AND terms_version = 1 AND channel = 'line'", member.Id));
        Assert.Equal(1, await Count("SELECT count(*) FROM members_timeline_entries WHERE member_id = @p0 AND kind = @p1", member.Id, TimelineKinds.Registered));
        Assert.Equal(1, await Count("SELECT count(*) FROM members_outbox_messages WHERE type LIKE 'Membership.Contracts.Members.MemberRegistered,%' AND payload->>'memberId' = @p0", member.Id.ToString()));

        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 2);
        var push = messages[1]!;
        Assert.Equal("push", (string?)push["endpoint"]);
        var text = (string)push["message"]!["text"]!;
        Assert.Contains(member.MemberCode, text, StringComparison.Ordinal);
        var card = await client.GetStringAsync(RegistrationForm.LinkIn(text, "/m/card"));
        Assert.Contains("data-testid=\"member-card\"", card, StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', member.MemberCode.Chunk(4).Select(c => new string(c))), card, StringComparison.Ordinal);
        Assert.Contains("<svg", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_twice_changes_nothing_and_shows_the_card_link()
    {
        var (userId, registerPath) = await FollowAndGetRegisterLinkAsync("重複註冊");
        var client = RegistrationForm.Client(line);
        await RegistrationForm.SubmitAsync(client, registerPath, RegistrationForm.Valid("0922000111"));

        var again = await client.GetStringAsync(registerPath);
        var member = (await Members.FindByLineUserIdAsync(userId))!;
        var result = await line.Services.GetRequiredService<IMemberRegistration>().RegisterAsync(
            new RegisterMemberRequest(userId, "別人", "0922000222", "1990-01-01", "Female", "KHH", null, 1));

        Assert.Contains("您已經是會員了", again, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"register-card-link\"", again, StringComparison.Ordinal);
        Assert.Equal(RegistrationOutcome.AlreadyRegistered, result.Outcome);
        Assert.Equal("0922000111", (await Members.FindByLineUserIdAsync(userId))!.Mobile);
        Assert.Equal(1, await Count("SELECT count(*) FROM members_consents WHERE member_id = @p0", member.Id));
        Assert.Equal(1, await Count("SELECT count(*) FROM members_outbox_messages WHERE payload->>'memberId' = @p0 AND type LIKE 'Membership.Contracts.Members.MemberRegistered,%'", member.Id.ToString()));
        await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 2);
        await Task.Delay(1500); // a second confirmation would come from the outbox within its one-second poll
        Assert.Single(await line.MessagesAsync(userId), m => (string?)m!["endpoint"] == "push");
    }

    [Fact]
    public async Task An_offline_member_with_the_same_mobile_is_bound_to_the_line_user_without_a_duplicate()
    {
        var offlineId = Guid.CreateVersion7();
        await Execute("INSERT INTO members_members (id, member_code, status, mobile, name, gender, friend_status, created_at) " +
            "VALUES (@p0, '900000000019', 2, '0933123456', '陳門市', 0, 0, now() - interval '1 year')", offlineId);
        var (userId, registerPath) = await FollowAndGetRegisterLinkAsync("陳小姐");
        var friendId = (await Members.FindByLineUserIdAsync(userId))!.Id;

        var html = await RegistrationForm.SubmitAsync(RegistrationForm.Client(line), registerPath, RegistrationForm.Valid("+886 933 123 456"));

        Assert.Contains("data-testid=\"register-done\"", html, StringComparison.Ordinal);
        var member = (await Members.FindByLineUserIdAsync(userId))!;
        Assert.Equal(offlineId, member.Id);
        Assert.Equal("900000000019", member.MemberCode);
        Assert.Equal(MemberStatus.Registered, member.Status);
        Assert.Equal("陳小姐", member.LineDisplayName);
        Assert.Equal(FriendStatus.Friend, member.FriendStatus);
        Assert.Null(await Members.GetAsync(friendId));
        Assert.Equal(1, await Count("SELECT count(*) FROM members_members WHERE mobile = '0933123456' OR line_user_id = @p0", userId));
        Assert.Equal(1, await Count("SELECT count(*) FROM members_timeline_entries WHERE member_id = @p0 AND kind = @p1", offlineId, TimelineKinds.FriendAdded));
        Assert.Equal(1, await Count("SELECT count(*) FROM members_outbox_messages WHERE payload->>'memberId' = @p0 AND (payload->>'boundOfflineMember')::boolean", offlineId.ToString()));
    }

    [Fact]
    public async Task A_mobile_bound_to_another_line_member_is_refused_with_a_clear_error()
    {
        var (_, firstPath) = await FollowAndGetRegisterLinkAsync("先註冊");
        await RegistrationForm.SubmitAsync(RegistrationForm.Client(line), firstPath, RegistrationForm.Valid("0944555666"));
        var (userId, secondPath) = await FollowAndGetRegisterLinkAsync("後註冊");

        var html = await RegistrationForm.SubmitAsync(RegistrationForm.Client(line), secondPath, RegistrationForm.Valid("0944-555-666"));

        Assert.Contains("data-testid=\"error-mobile\"", html, StringComparison.Ordinal);
        Assert.Contains("已綁定其他 LINE 帳號", html, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Friend, (await Members.FindByLineUserIdAsync(userId))!.Status);
    }

    [Fact]
    public async Task An_invalid_mobile_and_a_missing_consent_show_field_errors_and_store_nothing()
    {
        var (userId, registerPath) = await FollowAndGetRegisterLinkAsync("填錯了");
        var fields = RegistrationForm.Valid("02-2345-6789");
        fields.Remove("consent");
        fields["email"] = "not-an-email";

        var html = await RegistrationForm.SubmitAsync(RegistrationForm.Client(line), registerPath, fields);

        Assert.Contains("data-testid=\"error-mobile\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-consent\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-email\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"error-name\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"王小明\"", html, StringComparison.Ordinal); // what was typed stays
        var member = (await Members.FindByLineUserIdAsync(userId))!;
        Assert.Equal(MemberStatus.Friend, member.Status);
        Assert.Null(member.Mobile);
        Assert.Equal(0, await Count("SELECT count(*) FROM members_consents WHERE member_id = @p0", member.Id));
        Assert.Equal(0, await Count("SELECT count(*) FROM members_outbox_messages WHERE payload->>'memberId' = @p0 AND type LIKE 'Membership.Contracts.Members.MemberRegistered,%'", member.Id.ToString()));
    }

    [Fact]
    public async Task The_rich_menu_card_button_replies_with_a_signed_card_link()
    {
        var (userId, registerPath) = await FollowAndGetRegisterLinkAsync("點選單");
        var client = RegistrationForm.Client(line);
        await RegistrationForm.SubmitAsync(client, registerPath, RegistrationForm.Valid("0955111222"));

        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.Card);

        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 3);
        var reply = messages.Skip(1).Single(m => (string?)m!["endpoint"] == "reply")!; // the confirmation push may come before or after
        var card = await client.GetStringAsync(RegistrationForm.LinkIn((string)reply["message"]!["text"]!, "/m/card"));
        Assert.Contains("data-testid=\"member-card\"", card, StringComparison.Ordinal);
        var member = (await Members.FindByLineUserIdAsync(userId))!;
        var timeline = await Members.GetTimelineAsync(member.Id, new Membership.Contracts.Common.PageRequest());
        Assert.Contains(timeline.Items, e => e.Kind == TimelineKinds.Postback && e.Summary == RichMenuPostbacks.Card);
    }

    [Fact]
    public async Task The_rich_menu_answers_an_unregistered_friend_with_the_register_link_and_the_news()
    {
        var (userId, _) = await FollowAndGetRegisterLinkAsync("還沒註冊");
        await line.Services.GetRequiredService<ILineChannelSettings>().SetNewsAsync("週年慶全館八折！");

        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.Register);
        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.News);
        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.Points);

        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 4);
        var texts = messages.Skip(1).Select(m => (string)m!["message"]!["text"]!).ToList();
        var form = await RegistrationForm.Client(line).GetStringAsync(RegistrationForm.LinkIn(texts[0], "/m/register"));
        Assert.Contains("data-testid=\"register-submit\"", form, StringComparison.Ordinal);
        Assert.Equal("週年慶全館八折！", texts[1]);
        Assert.Contains("註冊會員即可累積點數", texts[2], StringComparison.Ordinal);
        Assert.Contains("/m/register", texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_points_answers_a_registered_member_with_a_flex_of_the_welcome_points()
    {
        var (userId, registerPath) = await FollowAndGetRegisterLinkAsync("查點數");
        await RegistrationForm.SubmitAsync(RegistrationForm.Client(line), registerPath, RegistrationForm.Valid("0955333444"));
        var member = (await Members.FindByLineUserIdAsync(userId))!;
        var points = line.Services.GetRequiredService<Membership.Contracts.Points.IPointsModule>();
        await LineSandbox.EventuallyAsync(() => points.GetBalanceAsync(member.Id), b => b.Balance == 50);

        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.Points);

        var messages = await LineSandbox.EventuallyAsync(
            () => line.MessagesAsync(userId), m => m.Any(x => (string?)x!["endpoint"] == "reply" && (string?)x["message"]!["type"] == "flex"));
        var flex = messages.Single(x => (string?)x!["endpoint"] == "reply" && (string?)x["message"]!["type"] == "flex")!["message"]!;
        Assert.Equal("我的點數：50 點", (string?)flex["altText"]);
        Assert.Contains("贈送點數", flex.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_creates_the_default_rich_menu_with_four_postback_areas_and_an_image()
    {
        var richMenu = line.Services.GetRequiredService<IDefaultRichMenu>();

        var id = await richMenu.CreateAsync();

        Assert.Equal(id, await richMenu.GetCurrentIdAsync());
        var state = (await line.Emulator.GetFromJsonAsync<JsonObject>("/_emulator/richmenu"))!;
        Assert.Contains(id, state.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("action=news", state.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("image/png", state.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<(string UserId, string RegisterPath)> FollowAndGetRegisterLinkAsync(string displayName)
    {
        var userId = await line.CreateUserAsync(displayName);
        await line.SendEventAsync(userId, "follow");
        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 1);
        var greeting = (string)messages[0]!["message"]!["text"]!;
        await LineSandbox.EventuallyAsync(() => Members.FindByLineUserIdAsync(userId), m => m is not null);
        return (userId, RegistrationForm.LinkIn(greeting, "/m/register"));
    }

    private Task<long> Count(string sql, params object[] args) => RegistrationForm.CountAsync(line.ConnectionString, sql, args);

    private async Task Execute(string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(line.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", args[i]);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
