using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Tags;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>Surveys answered in the chat through the emulator (quick-reply taps, a typed answer) and by the form page.</summary>
public sealed class SurveyTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private ISurveys Surveys => line.Services.GetRequiredService<ISurveys>();

    [Fact]
    public async Task A_chat_survey_is_answered_by_quick_reply_resumed_after_a_pause_and_rewards_and_tags_once_under_redelivery()
    {
        var tag = await TagAsync("愛喝咖啡");
        var survey = await SaveAsync(SurveyForm.Chat, tag, points: 20);
        var user = await line.FriendAsync("問卷顧客");
        var member = (await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user))!;

        await line.SendEventAsync(user, "postback", data: SurveyPostbacks.Start(survey.Id));
        var first = await QuestionAsync(user, "(1/4)");
        await TapAsync(user, first, "咖啡");

        // A pause: the member comes back later through the campaign's button and goes on at question 2.
        await QuestionAsync(user, "(2/4)");
        await line.SendEventAsync(user, "postback", data: SurveyPostbacks.Start(survey.Id));
        var second = await QuestionAsync(user, "(2/4)", count: 2);
        await TapAsync(user, second, "早上");
        var chosen = await QuestionAsync(user, "已選：早上");
        await TapAsync(user, chosen, "晚上");
        await TapAsync(user, await QuestionAsync(user, "已選：早上、晚上"), "完成 ✔");
        await TapAsync(user, await QuestionAsync(user, "(3/4)"), "4 ★");
        await QuestionAsync(user, "(4/4)");
        var typed = await line.SendEventAsync(user, "message", "希望有燕麥奶");
        await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(x => ((string?)x!["message"]?["text"])?.StartsWith("謝謝你的填寫", StringComparison.Ordinal) == true));

        await line.RedeliverAsync((string)typed["webhookEventId"]!);
        await line.SendEventAsync(user, "postback", data: SurveyPostbacks.Answer(survey.Id, "q3", "5")); // an old button, after completion
        await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(x => ((string?)x!["message"]?["text"])?.StartsWith("你已經填寫過", StringComparison.Ordinal) == true));

        var response = (await Surveys.GetMemberResponseAsync(survey.Id, member.Id))!;
        Assert.NotNull(response.CompletedAt);
        Assert.Equal(["c1"], response.Answers.Single(a => a.QuestionId == "q1").ChoiceIds);
        Assert.Equal(["m1", "m3"], response.Answers.Single(a => a.QuestionId == "q2").ChoiceIds);
        Assert.Equal(4, response.Answers.Single(a => a.QuestionId == "q3").Rating);
        Assert.Equal("希望有燕麥奶", response.Answers.Single(a => a.QuestionId == "q4").Text);
        var points = line.Services.GetRequiredService<IPointsModule>();
        Assert.Equal(20, (await points.GetBalanceAsync(member.Id)).Balance);
        Assert.Single((await points.GetLedgerAsync(member.Id, new PageRequest())).Items);
        var history = await line.Services.GetRequiredService<ITagsModule>().GetMemberTagHistoryAsync(member.Id);
        Assert.Single(history, h => h.TagId == tag);

        var thread = await line.ThreadAsync(user, t => t.Any(m => m.Text?.StartsWith("謝謝你的填寫", StringComparison.Ordinal) == true));
        Assert.Contains(thread, m => m.Author == MessageAuthor.AutoReply && m.StaffName == "問卷" && m.Text!.StartsWith("(3/4)", StringComparison.Ordinal));
        var conversation = await line.ConversationAsync(user);
        Assert.Null(conversation.WaitingSince); // the bot answered every tap: nobody on the staff side has to
        var answers = Assert.Single(await Surveys.ListMemberAnswersAsync(member.Id));
        Assert.Contains(answers.Answers, a => a.Answer == "咖啡" && a.PreferenceKey == "偏好飲品");
    }

    [Fact]
    public async Task The_form_page_submits_once_refuses_bad_answers_with_their_question_and_results_count_each_answer()
    {
        var survey = await SaveAsync(SurveyForm.Page, null, points: 5);
        var members = new List<MemberSummary>();
        foreach (var name in new[] { "表單一", "表單二", "表單三" })
        {
            var user = await line.FriendAsync(name);
            members.Add((await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user))!);
        }

        var bad = await Surveys.SubmitAsync(new SubmitSurveyRequest(survey.Id, members[0].Id, members[0].LineUserId!, [new SurveyAnswer("q1", ["c9"])]));
        Assert.Equal(SubmitSurveyOutcome.Invalid, bad.Outcome);
        Assert.Contains(bad.Errors, e => e.Path == "answers[q1]");
        Assert.Contains(bad.Errors, e => e.Path == "answers[q3]");
        Assert.Null((await Surveys.GetMemberResponseAsync(survey.Id, members[0].Id))!.CompletedAt);

        string[] drinks = ["c1", "c1", "c2"];
        for (var i = 0; i < 3; i++)
        {
            var submit = new SubmitSurveyRequest(survey.Id, members[i].Id, members[i].LineUserId!,
                [new("q1", [drinks[i]]), new("q2", i == 2 ? ["m1", "m2"] : ["m2"]), new("q3", [], 3 + i), new("q4", [], Text: i == 0 ? "" : $"意見 {i}")]);
            Assert.Equal(SubmitSurveyOutcome.Completed, (await Surveys.SubmitAsync(submit)).Outcome);
            Assert.Equal(SubmitSurveyOutcome.AlreadyCompleted, (await Surveys.SubmitAsync(submit)).Outcome);
        }

        Assert.Equal(5, (await line.Services.GetRequiredService<IPointsModule>().GetBalanceAsync(members[0].Id)).Balance);
        var results = (await Surveys.GetResultsAsync(survey.Id))!;
        Assert.Equal((3, 3), (results.Started, results.Completed));
        var q1 = results.Questions.Single(q => q.Question.Id == "q1");
        Assert.Equal([2, 1, 0], q1.Counts.Select(c => c.Count));
        Assert.Equal(2 / 3d, q1.Counts[0].Share, 3);
        Assert.Equal([1, 3, 0], results.Questions.Single(q => q.Question.Id == "q2").Counts.Select(c => c.Count));
        Assert.Equal(4d, results.Questions.Single(q => q.Question.Id == "q3").AverageRating);
        Assert.Equal(["意見 2", "意見 1"], results.Questions.Single(q => q.Question.Id == "q4").Texts.Order().Reverse());

        Assert.True(await line.Services.GetRequiredService<IMemberPrivacy>().EraseAsync(members[2].Id, "會員要求刪除"));
        await LineSandbox.EventuallyAsync(() => Surveys.GetMemberResponseAsync(survey.Id, members[2].Id), r => r is null);
        Assert.Equal(2, (await Surveys.GetResultsAsync(survey.Id))!.Completed);
    }

    [Fact]
    public async Task The_marketing_api_lists_responses_by_member_code_and_bad_surveys_are_refused_with_the_path()
    {
        var refused = await Surveys.SaveAsync(new SaveSurveyRequest(null, "", null, null, null, SurveyForm.Chat, true,
            [new SurveyQuestion("q1", SurveyQuestionKind.SingleChoice, "只有一個選項", null, [new SurveyChoice("a", "這個選項的文字超過二十個字所以會放不進按鈕裡")])], null, "test"));
        Assert.False(refused.Saved);
        Assert.Equal(["title", "questions[0].choices", "questions[0].choices[0].label"], refused.Errors.Select(e => e.Path));

        var survey = await SaveAsync(SurveyForm.Page, null, points: 0);
        var user = await line.FriendAsync("API 問卷");
        var member = (await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user))!;
        await Surveys.SubmitAsync(new SubmitSurveyRequest(survey.Id, member.Id, user,
            [new("q1", ["c2"]), new("q2", ["m1"]), new("q3", [], 5), new("q4", [], Text: "很好")]));

        var marketing = line.ApiClient(DemoApiKeySeeder.DefaultMarketingSecret);
        var page = (await marketing.GetFromJsonAsync<JsonObject>($"/api/v1/surveys/{survey.Id}/responses"))!;
        var item = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(member.MemberCode, (string?)item["memberCode"]);
        Assert.NotNull((string?)item["completedAt"]);
        Assert.Contains(item["answers"]!.AsArray(), a => (string?)a!["questionId"] == "q3" && (int?)a["rating"] == 5);
        Assert.Null(item["mobile"]);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync($"/api/v1/surveys/{Guid.NewGuid()}/responses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await line.ApiClient(DemoApiKeySeeder.DefaultSupportSecret).GetAsync($"/api/v1/surveys/{survey.Id}/responses")).StatusCode);
    }

    [Fact]
    public async Task The_form_page_opened_from_the_chat_keeps_answers_on_a_refused_submit_completes_once_and_feeds_csv_and_segments()
    {
        var survey = await SaveAsync(SurveyForm.Page, null, points: 7);
        var user = await line.FriendAsync("表單頁顧客");
        var member = (await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user))!;
        await line.SendEventAsync(user, "postback", data: SurveyPostbacks.Start(survey.Id));
        var invitation = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(x => (string?)x!["message"]?["type"] == "template"));
        var uri = (string)invitation.Last(x => (string?)x!["message"]?["type"] == "template")!["message"]!["template"]!["actions"]![0]!["uri"]!;
        var path = new Uri(uri).PathAndQuery;
        Assert.StartsWith($"/m/surveys/{survey.Id}?t=", path, StringComparison.Ordinal);

        var phone = line.BrowserlessClient();
        Assert.Contains("你最常喝什麼？", await phone.GetStringAsync(path), StringComparison.Ordinal);
        var token = await SignInClient.GetAntiforgeryTokenAsync(phone, path);
        List<KeyValuePair<string, string>> Form(params (string, string)[] fields) =>
            [new("_handler", "survey"), new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))];

        var refused = await (await phone.PostAsync(path, new FormUrlEncodedContent(Form(("q_q1", "c2"), ("q_q4", "再多一點座位"))))).Content.ReadAsStringAsync();
        Assert.Contains("survey-errors", refused, StringComparison.Ordinal);
        Assert.Contains("再多一點座位", refused, StringComparison.Ordinal); // kept, not typed twice
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(refused, "survey-field-error")); // q2 and q3

        var full = Form(("q_q1", "c2"), ("q_q2", "m1"), ("q_q2", "m3"), ("q_q3", "5"), ("q_q4", "再多一點座位"));
        Assert.Contains("survey-done", await (await phone.PostAsync(path, new FormUrlEncodedContent(full))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("已經填寫過", await (await phone.PostAsync(path, new FormUrlEncodedContent(full))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(7, (await line.Services.GetRequiredService<IPointsModule>().GetBalanceAsync(member.Id)).Balance);

        var marketer = await line.SignedInClientAsync("marketer@demo.local");
        var csv = await marketer.GetStringAsync($"/surveys/{survey.Id}/responses.csv");
        var row = Assert.Single(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.StartsWith(member.MemberCode, row, StringComparison.Ordinal);
        Assert.Contains("茶,早上、晚上,5 ★,再多一點座位", row, StringComparison.Ordinal);
        var staff = await line.SignedInClientAsync("staff@demo.local");
        Assert.NotEqual(HttpStatusCode.OK, (await staff.GetAsync($"/surveys/{survey.Id}/responses.csv")).StatusCode);

        var segmentation = line.Services.GetRequiredService<Membership.Contracts.Segmentation.ISegmentationModule>();
        var tea = segmentation.ParseDefinition($$"""{"all":[{"field":"surveyAnswer","op":"in","value":["{{Membership.Contracts.Segmentation.SurveyAnswerValue.Of(survey.Id, "q1", "c2")}}"]}]}""");
        Assert.True(tea.IsValid);
        Assert.Equal(1, (await segmentation.CountAsync(tea.Definition!)).Count);
        var coffee = segmentation.ParseDefinition($$"""{"all":[{"field":"surveyAnswer","op":"in","value":["{{Membership.Contracts.Segmentation.SurveyAnswerValue.Of(survey.Id, "q1", "c1")}}"]}]}""");
        Assert.Equal(0, (await segmentation.CountAsync(coffee.Definition!)).Count);
    }

    private async Task<Survey> SaveAsync(SurveyForm form, Guid? tag, int points)
    {
        var saved = await Surveys.SaveAsync(new SaveSurveyRequest(
            null, $"飲品喜好調查 {Guid.NewGuid():N}"[..20], "Drinks", "三十秒完成", null, form, true,
            [
                new("q1", SurveyQuestionKind.SingleChoice, "你最常喝什麼？", "What do you drink most?",
                    [new("c1", "咖啡", "Coffee", tag), new("c2", "茶", "Tea"), new("c3", "果汁", "Juice")], "偏好飲品"),
                new("q2", SurveyQuestionKind.MultipleChoice, "通常什麼時候來？", null, [new("m1", "早上"), new("m2", "中午"), new("m3", "晚上")]),
                new("q3", SurveyQuestionKind.Rating, "給我們幾顆星？", null, []),
                new("q4", SurveyQuestionKind.ShortText, "還想要什麼？", null, []),
            ],
            points > 0 ? new SurveyReward(points, "填寫問卷", null) : null, "test"));
        Assert.True(saved.Saved, string.Join("; ", saved.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return (await Surveys.GetAsync(saved.Id!.Value))!;
    }

    private async Task<Guid> TagAsync(string name)
    {
        var saved = await line.Services.GetRequiredService<ITagsModule>().SaveTagAsync(new SaveTagRequest(null, name, null, null, TagKind.Manual, TagActor.Staff("test")));
        return saved.Tag!.Id;
    }

    /// <summary>The latest message the bot sent that starts with (or shows) <paramref name="text"/>, once there are <paramref name="count"/> of them.</summary>
    private async Task<JsonNode> QuestionAsync(string user, string text, int count = 1)
    {
        bool Matches(JsonNode? m) => ((string?)m!["message"]?["text"])?.Contains(text, StringComparison.Ordinal) == true;
        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Count(Matches) >= count);
        Assert.True(messages.Count(Matches) >= count, $"no message with {text}: {messages.ToJsonString()}");
        return messages.Last(Matches)!["message"]!;
    }

    private async Task TapAsync(string user, JsonNode question, string label)
    {
        var button = question["quickReply"]!["items"]!.AsArray().Single(i => (string?)i!["action"]!["label"] == label)!;
        await line.SendEventAsync(user, "postback", data: (string)button["action"]!["data"]!);
    }
}
