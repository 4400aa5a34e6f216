using System.Net;
using System.Net.Http.Headers;
using Membership.Line.Client;
using Polly;
using Polly.Timeout;

namespace Membership.Line.Tests.Client;

public sealed class LineRetryPolicyTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_429_waits_what_Retry_After_asks()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), LineRetryPolicy.RetryAfter(response));
        Assert.True(LineRetryPolicy.ShouldRetry(Outcome.FromResult(response), LineRetryMode.Safe, Cap));
    }

    [Fact]
    public void A_429_asking_longer_than_the_cap_fails_at_once()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));

        Assert.False(LineRetryPolicy.ShouldRetry(Outcome.FromResult(response), LineRetryMode.Safe, Cap));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    public void Only_429_and_5xx_answers_are_retried(HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(retried, LineRetryPolicy.ShouldRetry(Outcome.FromResult(response), LineRetryMode.Safe, Cap));
        Assert.Equal(retried, LineRetryPolicy.ShouldRetry(Outcome.FromResult(response), LineRetryMode.AtMostOnce, Cap));
    }

    [Fact]
    public void A_timeout_is_retried_for_keyed_sends_but_not_for_replies()
    {
        var timeout = Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException());
        var lostAnswer = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded));

        Assert.True(LineRetryPolicy.ShouldRetry(timeout, LineRetryMode.Safe, Cap));
        Assert.False(LineRetryPolicy.ShouldRetry(timeout, LineRetryMode.AtMostOnce, Cap));
        Assert.False(LineRetryPolicy.ShouldRetry(lostAnswer, LineRetryMode.AtMostOnce, Cap));
    }

    [Fact]
    public void A_refused_connection_is_retried_even_for_replies()
    {
        var refused = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError));

        Assert.True(LineRetryPolicy.ShouldRetry(refused, LineRetryMode.AtMostOnce, Cap));
    }
}
