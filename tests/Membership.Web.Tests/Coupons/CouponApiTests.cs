using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Coupons;

/// <summary>The POS coupon API: check a code, use it once, and the refusals.</summary>
public sealed class CouponApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_coupon_is_checked_redeemed_once_and_then_refused_with_the_reason()
    {
        var member = (await app.Services.GetRequiredService<IMemberDirectory>().CreateOfflineMemberAsync(new CreateOfflineMemberRequest("0966000123", "券測試"))).Member;
        var coupons = app.Services.GetRequiredService<ICouponsModule>();
        var definition = await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "API 折價券", null, CouponKind.AmountOff, 30, null, null, null, 7, 1, null, CouponPurpose.Manual, 0, true, "test"));
        var code = (await coupons.IssueAsync(new IssueCouponRequest(definition.Id, member.Id, Guid.NewGuid().ToString(), "test"))).Coupon!.Code;
        var api = Client(DemoApiKeySeeder.DefaultSecret);

        var check = await api.GetAsync($"/api/v1/coupons/{code}");
        var redeem = await api.PostAsJsonAsync($"/api/v1/coupons/{code}/redemptions", new { storeCode = "TPE-01" });
        var again = await api.PostAsJsonAsync($"/api/v1/coupons/{code}/redemptions", new { storeCode = "TPE-01" });
        var unknown = await api.PostAsJsonAsync("/api/v1/coupons/NOSUCHCODE/redemptions", new { });
        var anonymous = await app.Factory.CreateBrowserlessClient().PostAsJsonAsync($"/api/v1/coupons/{code}/redemptions", new { });

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("usable", (string?)(await check.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]);
        Assert.Equal(HttpStatusCode.OK, redeem.StatusCode);
        Assert.Equal(0, (int)(await redeem.Content.ReadFromJsonAsync<JsonObject>())!["usesLeft"]!);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-used", (string?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(1, (await coupons.GetMemberCouponsAsync(member.Id, usableOnly: false))[0].UsedCount);
    }

    private HttpClient Client(string key)
    {
        var client = app.Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, key);
        return client;
    }
}
