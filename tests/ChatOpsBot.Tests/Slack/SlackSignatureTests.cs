using System.Text;
using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;

namespace ChatOpsBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1767225600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&text=declare+sev1+DB+down");

    [Fact]
    public void ARequestSignedAsSlackSignsItIsValid()
    {
        var request = SlackSigner.SignedRequest("/slack/commands", new ByteArrayContent(Body), at: Now);

        Assert.True(SlackSignature.IsValid(SlackSigner.Secret, Header(request, "X-Slack-Request-Timestamp"), Header(request, "X-Slack-Signature"),
            Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void MatchesTheWorkedExampleComputedIndependently() =>
        // HMAC-SHA256("secret", "v0:1:body"), computed with Python's hmac module.
        Assert.Equal("v0=c9bc7cc90a3668336bc5414530c26b4fdd714d73e447a37b322b8251e09f98e2", SlackSignature.Compute("secret", "1", "body"u8));

    [Theory]
    [InlineData("wrong-secret-0123456789abcdef", 0)]
    [InlineData(SlackSigner.Secret, -301)]
    [InlineData(SlackSigner.Secret, 301)]
    public void AWrongSecretOrATimestampOutsideFiveMinutesIsRefused(string secret, int offsetSeconds)
    {
        var request = SlackSigner.SignedRequest("/slack/commands", new ByteArrayContent(Body), secret, Now.AddSeconds(offsetSeconds));

        Assert.False(SlackSignature.IsValid(SlackSigner.Secret, Header(request, "X-Slack-Request-Timestamp"), Header(request, "X-Slack-Signature"),
            Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void AChangedBodyIsRefused()
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
    public void MissingOrMalformedHeadersAreRefused(string? timestamp, string? signature) =>
        Assert.False(SlackSignature.IsValid(SlackSigner.Secret, timestamp, signature, Body, Now, TimeSpan.FromMinutes(5)));

    private static string Header(HttpRequestMessage request, string name) => request.Headers.GetValues(name).Single();
}
