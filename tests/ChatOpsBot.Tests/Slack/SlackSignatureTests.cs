using System.Text;
using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;

namespace ChatOpsBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1767225600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&text=declare+sev1+DB+down");

    [Fact]
    public void A_request_signed_as_Slack_signs_it_is_valid()
    {
        var request = SlackSigner.SignedRequest("/slack/commands", new ByteArrayContent(Body), at: Now);

        Assert.True(SlackSignature.IsValid(SlackSigner.Secret, Header(request, "X-Slack-Request-Timestamp"), Header(request, "X-Slack-Signature"),
            Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Matches_the_worked_example_computed_independently() =>
        // HMAC-SHA256("secret", "v0:1:body"), computed with Python's hmac module.
        Assert.Equal("v0=c9bc7cc90a3668336bc5414530c26b4fdd714d73e447a37b322b8251e09f98e2", SlackSignature.Compute("secret", "1", "body"u8));

    [Theory]
    [InlineData("wrong-secret-0123456789abcdef", 0)]
    [InlineData(SlackSigner.Secret, -301)]
    [InlineData(SlackSigner.Secret, 301)]
    public void A_wrong_secret_or_a_timestamp_outside_five_minutes_is_refused(string secret, int offsetSeconds)
    {
        var request = SlackSigner.SignedRequest("/slack/commands", new ByteArrayContent(Body), secret, Now.AddSeconds(offsetSeconds));

        Assert.False(SlackSignature.IsValid(SlackSigner.Secret, Header(request, "X-Slack-Request-Timestamp"), Header(request, "X-Slack-Signature"),
            Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_changed_body_is_refused()
    {
        var request = SlackSigner.SignedRequest("/slack/commands", new ByteArrayContent(Body), at: Now);

        Assert.False(SlackSignature.IsValid(SlackSigner.Secret, Header(request, "X-Slack-Request-Timestamp"), Header(request, "X-Slack-Signature"),
            Encoding.UTF8.GetBytes("token=x&text=declare+sev4+DB+down"), Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1767225600", null)]
    [InlineData("not-a-number", "v0=abc")]
    [InlineData("1767225600", "v0=short")]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature) =>
        Assert.False(SlackSignature.IsValid(SlackSigner.Secret, timestamp, signature, Body, Now, TimeSpan.FromMinutes(5)));

    private static string Header(HttpRequestMessage request, string name) => request.Headers.GetValues(name).Single();
}
