using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Points;

/// <summary>The POS purchase and points API with the demo key, over HTTP.</summary>
public sealed class PurchaseApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
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
    public async Task A_purchase_earns_points_and_the_same_key_returns_the_first_answer_or_a_conflict()
    {
        var code = await NewMemberAsync("0911000001");
        var body = Purchase(code, "R-1001", 1_250m);

        var first = await PostAsync("/api/v1/purchases", body, "key-1001");
        var replay = await PostAsync("/api/v1/purchases", body, "key-1001");
        var otherBody = await PostAsync("/api/v1/purchases", Purchase(code, "R-1001", 99m), "key-1001");
        var sameReceipt = await PostAsync("/api/v1/purchases", body, "key-1002");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(12, (int)created["pointsEarned"]!);
        Assert.Equal(12, (int)created["balance"]!);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal((string?)created["purchaseId"], (string?)(await replay.Content.ReadFromJsonAsync<JsonObject>())!["purchaseId"]);
        Assert.Equal(HttpStatusCode.Conflict, otherBody.StatusCode);
        Assert.Equal("application/problem+json", otherBody.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, sameReceipt.StatusCode);
        Assert.Contains("R-1001", await sameReceipt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_are_problem_details_401_400_404()
    {
        var code = await NewMemberAsync("0911000002");
        var noApiKey = await app.Factory.CreateBrowserlessClient().PostAsJsonAsync("/api/v1/purchases", Purchase(code, "R-1", 100m));
        var noIdempotencyKey = await Api.PostAsJsonAsync("/api/v1/purchases", Purchase(code, "R-1", 100m));
        var invalid = await PostAsync("/api/v1/purchases", new { memberCode = code, storeCode = "TPE-01", total = -5, occurredAt = "2026-11-25T10:00:00" }, "k-invalid");
        var unknown = await PostAsync("/api/v1/purchases", Purchase("000000000000", "R-2", 100m), "k-unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, noApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noIdempotencyKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noIdempotencyKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("occurredAt"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Points_are_shown_redeemed_refused_when_short_and_reversed_by_a_refund()
    {
        var code = await NewMemberAsync("0911000003");
        var purchase = await PostAsync("/api/v1/purchases", Purchase(code, "R-3001", 3_000m), "k-3001");
        var purchaseId = (string)(await purchase.Content.ReadFromJsonAsync<JsonObject>())!["purchaseId"]!;

        var redeemed = await PostAsync($"/api/v1/members/{code}/points/redemptions", new { points = 10, reason = "折抵 NT$10" }, "r-1");
        var shortBalance = await PostAsync($"/api/v1/members/{code}/points/redemptions", new { points = 999, reason = "Too much" }, "r-2");
        var noKey = await Api.PostAsJsonAsync($"/api/v1/members/{code}/points/redemptions", new { points = 1, reason = "x" });
        var unknown = await PostAsync("/api/v1/members/000000000000/points/redemptions", new { points = 1, reason = "x" }, "r-3");
        var refund = await PostAsync($"/api/v1/purchases/{purchaseId}/refund", new { amount = 1_000, reason = "Returned one item" }, "refund-1");
        var points = await Api.GetFromJsonAsync<JsonObject>($"/api/v1/members/{code}/points");

        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        Assert.Equal(20, (int)(await redeemed.Content.ReadFromJsonAsync<JsonObject>())!["balance"]!);
        Assert.Equal((HttpStatusCode)422, shortBalance.StatusCode);
        Assert.Contains("20", await shortBalance.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        Assert.Equal(10, (int)(await refund.Content.ReadFromJsonAsync<JsonObject>())!["pointsReversed"]!);
        Assert.Equal(10, (int)points!["balance"]!);
        Assert.Equal(0, (int)points["expiringWithin30Days"]!);
        Assert.Equal(30, (int)points["lifetimeEarned"]! + 10);
        Assert.Equal(["reverse", "redeem", "earn"], points["recent"]!.AsArray().Select(e => (string)e!["kind"]!).ToArray());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_points_paths()
    {
        var document = await app.Factory.CreateBrowserlessClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/purchases"));
        Assert.True(paths.ContainsKey("/api/v1/purchases/{id}/refund"));
        Assert.True(paths.ContainsKey("/api/v1/members/{memberCode}/points"));
        Assert.True(paths.ContainsKey("/api/v1/members/{memberCode}/points/redemptions"));
    }

    private static object Purchase(string memberCode, string receipt, decimal total) => new
    {
        memberCode, storeCode = "TPE-01", receiptNumber = receipt, total, occurredAt = "2026-11-25T10:30:00+08:00",
        lines = new[] { new { sku = "LATTE-L", category = "coffee", quantity = 2, amount = total } },
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
