using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

namespace Membership.Web.Tests.Members;

/// <summary>The phone's side of registration: open a link, read the form, post it back like a browser.</summary>
internal static partial class RegistrationForm
{
    /// <summary>A phone's browser against the app's real port: keeps cookies, does not follow redirects.</summary>
    public static HttpClient Client(Infrastructure.LineSandbox line) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = line.AppAddress };

    public static Dictionary<string, string> Valid(string mobile = "0912-345-678") => new()
    {
        ["name"] = "王小明",
        ["mobile"] = mobile,
        ["birthday"] = "1990-05-17",
        ["gender"] = "Male",
        ["region"] = "TPE",
        ["email"] = "ming@example.com",
        ["consent"] = "true",
    };

    /// <summary>GETs the page, then posts the fields with its antiforgery token and terms version; returns the answer's HTML.</summary>
    public static async Task<string> SubmitAsync(HttpClient client, string pathAndQuery, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pathAndQuery);
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value),
            ["termsVersion"] = TermsVersionPattern().Match(page).Groups[1].Value,
        };
        using var response = await client.PostAsync(pathAndQuery, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The path and query of the first link to <paramref name="path"/> in a text (LINE messages carry the public base URL).</summary>
    public static string LinkIn(string text, string path)
    {
        var match = Regex.Match(text, $@"https?://[^\s/]+({Regex.Escape(path)}\?t=[^\s]+)");
        Assert.True(match.Success, $"No {path} link in: {text}");
        return match.Groups[1].Value;
    }

    public static async Task<long> CountAsync(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", args[i]);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"termsVersion\" value=\"(\\d+)\"")]
    private static partial Regex TermsVersionPattern();
}
