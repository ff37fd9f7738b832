using System.Net.Http.Json;
using ChatOpsBot.Incidents;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>Incidents:SeverityAliases: checked at start, and what makes "p1" a severity instead of a refused look-alike.</summary>
public sealed class SeverityAliasOptionsTests
{
    [Theory]
    [InlineData("p1", "sev5", "Incidents:SeverityAliases:p1 must be sev1, sev2, sev3 or sev4")]
    [InlineData("p1", "critical", "Incidents:SeverityAliases:p1 must be sev1, sev2, sev3 or sev4")]
    [InlineData("sev2", "sev1", "Incidents:SeverityAliases:sev2: \"sev2\" already means something")]
    [InlineData("private", "sev1", "Incidents:SeverityAliases:private: \"private\" already means something")]
    [InlineData("1", "sev1", "Incidents:SeverityAliases:1: an alias is one word")]
    public async Task ABadAliasStopsTheHostNamingTheKey(string word, string level, string error)
    {
        await using var app = Build(new Dictionary<string, string?> { [$"Incidents:SeverityAliases:{word}"] = level });

        var failure = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<IncidentOptions>>().Value);
        Assert.Contains(error, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithP1ConfiguredDeclareP1IsASEV1AndWithoutItNothingIsDeclared()
    {
        using var plain = new BotFactory();
        var refused = await new ConsoleApiClient(plain.CreateClient()).SayExpectingOneReplyAsync("alice", "general", "/incident declare p1 Payments down");
        Assert.StartsWith("⚠️ \"p1\" is not a severity", refused, StringComparison.Ordinal);
        Assert.Empty((await new ConsoleApiClient(plain.CreateClient()).Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/incidents"))!);

        using var bot = new BotFactory(new Dictionary<string, string?> { ["Incidents:SeverityAliases:P1"] = "SEV1", ["Incidents:SeverityAliases:p2"] = "sev2" });
        var console = new ConsoleApiClient(bot.CreateClient());
        Assert.StartsWith("Declared INC-1 (SEV1): Payments down.", await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare p1 Payments down"), StringComparison.Ordinal);
        Assert.Equal("SEV1", (await console.IncidentAsync(1)).GetProperty("severity").GetString());
        Assert.Contains("This team also writes p1 for sev1, p2 for sev2.",
            await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare p0 Payments down"), StringComparison.Ordinal);
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        // Built without starting: a WebApplicationFactory whose host failed to start cannot be disposed cleanly.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIncidentCore();
        return builder.Build();
    }
}
