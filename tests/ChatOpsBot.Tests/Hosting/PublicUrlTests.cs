using ChatOpsBot.Http;
using ChatOpsBot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tests.Hosting;

public sealed class PublicUrlTests
{
    [Theory]
    [InlineData("chatopsbot.example.com")]
    [InlineData("/bot")]
    [InlineData("ftp://chatopsbot.example.com")]
    [InlineData("https://chatopsbot.example.com/?x=1")]
    public async Task APublicUrlThatIsNotAbsoluteHttpStopsTheHostNamingTheKey(string value)
    {
        await using var app = Build(value);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<WebOptions>>().Value);
        Assert.Contains("Web:PublicUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://chatopsbot.example.com", "https://chatopsbot.example.com/api/incidents/1/postmortem")]
    [InlineData("https://example.com/bot/", "https://example.com/bot/api/incidents/1/postmortem")]
    [InlineData("http://example.com/bot", "http://example.com/bot/api/incidents/1/postmortem")]
    [InlineData("", "/api/incidents/1/postmortem")]
    public async Task TheBotsLinksAreAbsoluteUnderThePublicUrlAndPathsWithoutOne(string value, string expected)
    {
        await using var app = Build(value);

        Assert.Equal(expected, app.Services.GetRequiredService<PublicLinks>().For("/api/incidents/1/postmortem"));
    }

    private static WebApplication Build(string publicUrl)
    {
        // Built without starting: a WebApplicationFactory whose host failed to start cannot be disposed cleanly.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Web:PublicUrl"] = publicUrl });
        builder.AddPublicLinks();
        return builder.Build();
    }
}
