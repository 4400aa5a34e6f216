using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Integration;

public sealed class ApiKeyTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string DemoKey = "demo-pos-key";

    private ApiKeyDirectory Keys => app.Services.GetRequiredService<ApiKeyDirectory>();

    [Fact]
    public async Task A_call_without_a_key_is_a_401_problem_not_a_login_redirect()
    {
        var response = await app.Factory.CreateBrowserlessClient().GetAsync("/api/v1/members?mobile=0912345678");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(401, (int?)problem!["status"]);
        Assert.Contains("X-Api-Key", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_cookie_does_not_open_the_api()
    {
        var client = await app.Factory.SignedInClientAsync("owner@demo.local");

        var response = await client.GetAsync("/api/v1/members?mobile=0912345678");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_is_refused()
    {
        var response = await Client("mbr_not-a-real-key").GetAsync("/api/v1/members?mobile=0912345678");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_key_opens_the_api_until_it_is_revoked()
    {
        var created = await Keys.CreateAsync("Till 3", "owner@demo.local");
        var client = Client(created.Secret);

        var before = await client.GetAsync("/api/v1/members?mobile=0987654321");
        await Keys.RevokeAsync(created.Id, "owner@demo.local");
        var after = await client.GetAsync("/api/v1/members?mobile=0987654321");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode); // authenticated: the member just does not exist
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (string?)(await after.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_and_stored_only_as_its_hash()
    {
        var created = await Keys.CreateAsync("ERP", "owner@demo.local");

        Assert.StartsWith("mbr_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(47, created.Secret.Length); // mbr_ + 32 bytes in base64url
        var listed = Assert.Single((await Keys.ListAsync(new PageRequest(1, 100))).Items, k => k.Id == created.Id);
        Assert.True(created.Secret.StartsWith(listed.Prefix, StringComparison.Ordinal) && listed.Prefix.Length < 10);
        Assert.DoesNotContain(created.Secret, JsonSerializer.Serialize(listed), StringComparison.Ordinal);
        var row = await RowAsync(created.Id);
        Assert.DoesNotContain(row.Values, v => v?.ToString()?.Contains(created.Secret, StringComparison.Ordinal) == true);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(created.Secret))), row["hash"]);
    }

    [Fact]
    public async Task Creating_and_revoking_keys_is_audited()
    {
        var created = await Keys.CreateAsync("Audited till", "owner@demo.local");
        await Keys.RevokeAsync(created.Id, "owner@demo.local");

        var audit = app.Services.GetRequiredService<Membership.Contracts.Audit.IAuditTrail>();
        var entries = await audit.ListAsync(new(null, "api-key", created.Id.ToString()), new PageRequest());
        Assert.Equal(["api-key.revoked", "api-key.created"], entries.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task Demo_mode_seeds_the_demo_pos_key_hashed_and_only_once()
    {
        var response = await Client(DemoKey).GetAsync("/api/v1/members?mobile=0911111111");
        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DemoApiKeySeeder>().Single().StartAsync(default);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var demo = Assert.Single((await Keys.ListAsync(new PageRequest(1, 100))).Items, k => k.Name == DemoApiKeySeeder.KeyName);
        var row = await RowAsync(demo.Id);
        Assert.DoesNotContain(row.Values, v => v?.ToString()?.Contains(DemoKey, StringComparison.Ordinal) == true);
        Assert.Equal(DemoApiKeySeeder.KeyName, row["name"]);
    }

    [Fact]
    public async Task Last_used_is_recorded_when_a_key_is_used()
    {
        var created = await Keys.CreateAsync("Usage", null);

        await Client(created.Secret).GetAsync("/api/v1/members?mobile=0922222222");

        var listed = Assert.Single((await Keys.ListAsync(new PageRequest(1, 100))).Items, k => k.Id == created.Id);
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_member_paths_and_the_api_key_scheme()
    {
        var document = await app.Factory.CreateBrowserlessClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/members/{memberCode}"));
        Assert.True(paths.ContainsKey("/api/v1/members"));
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/account", StringComparison.Ordinal));
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        Assert.NotNull(document["security"]![0]!["ApiKey"]);
    }

    [Fact]
    public async Task The_scalar_page_opens_without_signing_in()
    {
        var response = await app.Factory.CreateBrowserlessClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_keys_page_is_for_owners_only()
    {
        var owner = await (await app.Factory.SignedInClientAsync("owner@demo.local")).GetAsync("/settings/api-keys");
        var staff = await (await app.Factory.SignedInClientAsync("staff@demo.local")).GetAsync("/settings/api-keys");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.StartsWith("/account/access-denied", staff.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private HttpClient Client(string key)
    {
        var client = app.Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, key);
        return client;
    }

    private async Task<Dictionary<string, object?>> RowAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT * FROM app_api_keys WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }
}
