using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Stamps;
using Membership.Contracts.Tiers;
using Membership.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Web.Tests.Loyalty;

/// <summary>End to end: a POS purchase through the API reaches Tiers and Stamps through the Points outbox.</summary>
public sealed class LoyaltyPurchaseFlowTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_qualifying_purchase_upgrades_the_tier_the_next_earns_the_multiplier_and_a_refund_takes_stamps_back_but_not_the_tier()
    {
        var stamps = app.Services.GetRequiredService<IStampsModule>();
        var tiers = app.Services.GetRequiredService<ITiersModule>();
        var definition = await stamps.SaveDefinitionAsync(
            new StampCardDefinition(Guid.Empty, "來店卡", StampEarning.PerVisit, 1, null, null, 10, 365, [new StampReward(5, "小點心")], true), "owner@test");
        var code = await NewMemberAsync("0955000111");
        var memberId = (await app.Services.GetRequiredService<IMemberIntegration>().FindByCodeAsync(code))!.Id;

        var first = await PostAsync("/api/v1/purchases", Purchase(code, "E2E-1", 12_000m), "e2e-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await EventuallyAsync(async () => (await tiers.GetMemberTierAsync(memberId)).TierCode == "silver");

        var second = await PostAsync("/api/v1/purchases", Purchase(code, "E2E-2", 1_000m), "e2e-2");
        var secondBody = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(12, (int)secondBody["pointsEarned"]!); // 10 points × 1.2 (銀卡)
        await EventuallyAsync(async () => await StampsAsync(stamps, memberId, definition.Id!.Value) == 2);

        var refund = await PostAsync($"/api/v1/purchases/{secondBody["purchaseId"]}/refund", new { reason = "退貨" }, "e2e-refund");
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        await EventuallyAsync(async () => await StampsAsync(stamps, memberId, definition.Id!.Value) == 1);

        Assert.Equal("silver", (await tiers.GetMemberTierAsync(memberId)).TierCode);
        Assert.Equal(12_000m, (await tiers.GetMemberStatusAsync(memberId)).Qualifying);
    }

    private static async Task<int> StampsAsync(IStampsModule stamps, Guid memberId, Guid definitionId) =>
        (await stamps.GetMemberCardsAsync(memberId)).First(c => c.DefinitionId == definitionId).Stamps;

    /// <summary>The outbox delivers within a second or two; wait up to 20 s.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 80; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("The outbox did not deliver in time.");
    }

    private HttpClient Api
    {
        get
        {
            var client = app.Factory.CreateBrowserlessClient();
            client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, "demo-pos-key");
            return client;
        }
    }

    private static object Purchase(string memberCode, string receipt, decimal total) => new
    {
        memberCode, storeCode = "TPE-01", receiptNumber = receipt, total,
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
    };

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Api.SendAsync(request);
    }

    private async Task<string> NewMemberAsync(string mobile)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/members", new { mobile });
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["memberCode"]!;
    }
}
