using System.Text;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Transports.Auth;

/// <summary>OAuth2 client credentials through the real transport, against a real token endpoint that counts its requests and a real receiver.</summary>
public sealed class OAuth2TokenTests : IAsyncDisposable
{
    private const string Secret = "s3cret with spaces&=+";
    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/json" };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
    private TestReceiver _tokenEndpoint = null!;
    private TestReceiver _receiver = null!;
    private int _issued;

    private async Task<TransportAttempts> StartAsync(bool allowPrivateNetworks = true)
    {
        _tokenEndpoint = await TestReceiver.StartAsync("/oauth/token");
        _tokenEndpoint.Respond = _ => Task.FromResult(Token(3600));
        _receiver = await TestReceiver.StartAsync();
        return new TransportAttempts(new DeliveryOptions { AllowPrivateNetworks = allowPrivateNetworks }, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _tokenEndpoint.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_deliveries_share_one_token_request_and_each_carries_the_token_as_bearer()
    {
        using var attempts = await StartAsync();
        var release = new TaskCompletionSource();
        _tokenEndpoint.Respond = _ => Task.FromResult(Token(3600) with { Until = release.Task });

        var sending = Enumerable.Range(0, 8).Select(_ => attempts.SendAsync(Target())).ToList();
        await _tokenEndpoint.NextAsync();
        release.SetResult();
        var outcomes = await Task.WhenAll(sending);

        Assert.All(outcomes, o => Assert.IsType<Delivered>(o));
        var tokenRequest = Assert.Single(_tokenEndpoint.Received);
        Assert.Equal("POST", tokenRequest.Method);
        Assert.Equal("grant_type=client_credentials&scope=hooks%3Awrite+read", tokenRequest.BodyText);
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequest.Header("Content-Type"), StringComparison.Ordinal);
        var basic = Encoding.UTF8.GetString(Convert.FromBase64String(tokenRequest.Header("Authorization")["Basic ".Length..]));
        Assert.Equal("libromi+client:s3cret+with+spaces%26%3D%2B", basic);
        Assert.Equal(8, _receiver.Received.Count);
        Assert.All(_receiver.Received, r => Assert.Equal("Bearer tok-1", r.Header("Authorization")));
    }

    [Fact]
    public async Task A_token_is_used_until_shortly_before_it_expires_then_a_new_one_is_fetched()
    {
        using var attempts = await StartAsync();
        await attempts.SendAsync(Target());

        // expires_in 3600: replaced 10% (360 s) before it expires.
        _time.Advance(TimeSpan.FromSeconds(3239));
        await attempts.SendAsync(Target());
        Assert.Single(_tokenEndpoint.Received);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<Delivered>(await attempts.SendAsync(Target()));

        Assert.Equal(2, _tokenEndpoint.Received.Count);
        Assert.Equal(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"], _receiver.Received.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_changed_client_secret_fetches_a_new_token()
    {
        using var attempts = await StartAsync();
        await attempts.SendAsync(Target());

        await attempts.SendAsync(Target(secret: "another secret"));

        Assert.Equal(2, _tokenEndpoint.Received.Count);
        Assert.Equal("Bearer tok-2", _receiver.Received[^1].Header("Authorization"));
    }

    [Fact]
    public async Task A_401_from_the_receiver_drops_the_token_so_the_next_attempt_fetches_a_fresh_one()
    {
        using var attempts = await StartAsync();
        _receiver.Respond = r => Task.FromResult(r.Header("Authorization") == "Bearer tok-1" ? new ReceiverResponse(401) : ReceiverResponse.Ok);

        var refused = await attempts.SendAsync(Target());
        var delivered = await attempts.SendAsync(Target());

        Assert.Equal(ErrorKinds.HttpStatus, Assert.IsType<Failed>(refused).Kind);
        Assert.IsType<Delivered>(delivered);
        Assert.Equal(2, _tokenEndpoint.Received.Count);
        Assert.Equal("Bearer tok-2", _receiver.Received[^1].Header("Authorization"));
    }

    public static TheoryData<int, string, string> FailedTokenAnswers() => new()
    {
        { 400, """{"error":"invalid_client","error_description":"bad"}""", "answered HTTP 400 (invalid_client)" },
        { 500, "upstream broke", "answered HTTP 500." },
        { 200, "<html>not json</html>", "without a usable token" },
        { 200, """{"token_type":"Bearer","expires_in":3600}""", "without a usable token" },
        { 200, """{"access_token":"tok","token_type":"mac","expires_in":3600}""", "without a usable token" },
        { 200, """{"access_token":"tok","token_type":"Bearer","expires_in":"soon"}""", "without a usable token" },
        { 302, "", "answered HTTP 302." },
    };

    [Theory]
    [MemberData(nameof(FailedTokenAnswers))]
    public async Task A_token_endpoint_that_gives_no_usable_token_fails_the_attempt_as_an_auth_token_error_before_anything_is_sent(int status, string body, string expected)
    {
        using var attempts = await StartAsync();
        _tokenEndpoint.Respond = _ => Task.FromResult(new ReceiverResponse(status, Body: body, Headers: JsonHeaders));

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(Target()));

        Assert.Equal(ErrorKinds.AuthToken, failed.Kind);
        Assert.Contains(expected, failed.Error, StringComparison.Ordinal);
        Assert.Contains(_tokenEndpoint.Url.AbsoluteUri, failed.Error, StringComparison.Ordinal);
        AssertNothingSecret(failed);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_failed_token_request_is_not_remembered_the_next_attempt_asks_again()
    {
        using var attempts = await StartAsync();
        _tokenEndpoint.Respond = r => Task.FromResult(_tokenEndpoint.Received.Count == 0 ? new ReceiverResponse(503) : Token(3600));

        Assert.IsType<Failed>(await attempts.SendAsync(Target()));
        Assert.IsType<Delivered>(await attempts.SendAsync(Target()));

        Assert.Equal(2, _tokenEndpoint.Received.Count);
    }

    [Fact]
    public async Task A_token_endpoint_that_does_not_answer_within_the_timeout_is_an_auth_token_error()
    {
        using var attempts = await StartAsync();
        _tokenEndpoint.Respond = _ => Task.FromResult(ReceiverResponse.Hang);

        var sending = attempts.SendAsync(Target());
        await _tokenEndpoint.NextAsync();
        _time.Advance(new DeliveryOptions().Timeout);
        var failed = Assert.IsType<Failed>(await sending);

        Assert.Equal(ErrorKinds.AuthToken, failed.Kind);
        Assert.Contains("gave no token within 30 s", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_token_url_on_a_private_address_is_refused_by_the_ssrf_guard_as_an_auth_token_error()
    {
        using var attempts = await StartAsync(allowPrivateNetworks: false);

        var failed = Assert.IsType<Failed>(await attempts.SendAsync(Target(receiver: new Uri("http://93.184.215.14/webhook"))));

        Assert.Equal(ErrorKinds.AuthToken, failed.Kind);
        Assert.Contains("loopback, private or otherwise internal addresses", failed.Error, StringComparison.Ordinal);
        AssertNothingSecret(failed);
        Assert.Empty(_tokenEndpoint.Received);
    }

    [Fact]
    public async Task The_token_request_goes_through_the_egress_proxy_like_the_delivery()
    {
        await using var proxy = TestProxy.Start();
        _tokenEndpoint = await TestReceiver.StartAsync("/oauth/token");
        _tokenEndpoint.Respond = _ => Task.FromResult(Token(3600));
        _receiver = await TestReceiver.StartAsync();
        using var attempts = new TransportAttempts(new DeliveryOptions { AllowPrivateNetworks = true, Proxy = proxy.Url.AbsoluteUri }, _time);

        Assert.IsType<Delivered>(await attempts.SendAsync(Target()));

        Assert.Equal([$"POST {_tokenEndpoint.Url.AbsoluteUri} HTTP/1.1", $"POST {_receiver.Url.AbsoluteUri} HTTP/1.1"], proxy.Requests.Select(r => r.RequestLine));
        Assert.Equal("Bearer tok-1", Assert.Single(_receiver.Received).Header("Authorization"));
    }

    private static void AssertNothingSecret(Failed failed)
    {
        Assert.DoesNotContain("s3cret", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("libromi+client:s3cret")), failed.Error, StringComparison.Ordinal);
    }

    private Libromi.Connect.Server.Delivery.Transports.DeliveryTarget Target(string secret = Secret, Uri? receiver = null) =>
        TransportAttempts.Target(receiver ?? _receiver.Url, new OAuth2ClientCredentials(_tokenEndpoint.Url, "libromi client", secret, "hooks:write read"));

    private ReceiverResponse Token(int expiresIn) =>
        new(200, Body: $$"""{"access_token":"tok-{{Interlocked.Increment(ref _issued)}}","token_type":"bearer","expires_in":{{expiresIn}}}""", Headers: JsonHeaders);
}
