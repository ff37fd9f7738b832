using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Deployment;

/// <summary>
/// The chart with the integrations on (Socket Mode, PagerDuty, Opsgenie, Jira, Statuspage; GitHub on its own): their
/// settings reach the ConfigMap, their credentials reach the container only by secretKeyRef, and no credential's
/// value or name is ever in a ConfigMap.
/// </summary>
public sealed class IntegrationValuesTests : IDisposable
{
    private const string Chart = "helm/chatopsbot";

    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["Slack__AppToken"] = "xapp-1-A1-socket-secret-value",
        ["Paging__PagerDuty__RoutingKey"] = "pdroutingkeysecret0123456789abcd",
        ["Paging__Opsgenie__ApiKey"] = "opsgenie-secret-api-key-value",
        ["Tracker__Jira__ApiToken"] = "jira-secret-api-token-value",
        ["StatusPage__Atlassian__ApiKey"] = "statuspage-secret-api-key-value",
    };

    private readonly string _values = Path.Combine(Path.GetTempPath(), $"chatopsbot-integrations-{Guid.NewGuid():N}.yaml");

    public IntegrationValuesTests() => File.WriteAllText(_values, $$"""
        secrets:
          create: true
          values:
            Slack__BotToken: xoxb-bot-token
        {{string.Join('\n', Credentials.Select(c => $"    {c.Key}: {c.Value}"))}}
        integrations:
          slackSocketMode:
            enabled: true
          pagerDuty:
            enabled: true
            eventsUrl: https://events.eu.pagerduty.com/
          opsgenie:
            enabled: true
            baseUrl: https://api.eu.opsgenie.com/
          paging:
            severities: [sev1, sev2]
          jira:
            enabled: true
            baseUrl: https://acme.atlassian.net/
            email: bot@acme.example
            projectKey: OPS
          tracker:
            exportOnClose: true
          statusPage:
            enabled: true
            pageId: kctbh9vrtdwd

        """);

    [Fact]
    public async Task TheChartWithEveryIntegrationOnLintsClean()
    {
        var (exit, output) = await Repo.RunAsync("helm", "lint", "--strict", Chart, "-f", _values);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task IntegrationSettingsGoIntoTheConfigMapAndTheirCredentialsOnlyBySecretKeyReference()
    {
        var configMap = await RenderAsync("templates/configmap.yaml", "-f", _values);
        var deployment = await RenderAsync("templates/deployment.yaml", "-f", _values);
        var secret = await RenderAsync("templates/secret.yaml", "-f", _values);

        foreach (var setting in new[]
        {
            "Paging__PagerDuty__EventsUrl: \"https://events.eu.pagerduty.com/\"", "Paging__Opsgenie__BaseUrl: \"https://api.eu.opsgenie.com/\"",
            "Paging__Severities__0: \"sev1\"", "Paging__Severities__1: \"sev2\"", "Tracker__Jira__BaseUrl: \"https://acme.atlassian.net/\"",
            "Tracker__Jira__Email: \"bot@acme.example\"", "Tracker__Jira__ProjectKey: \"OPS\"", "Tracker__ExportOnClose: \"true\"",
            "StatusPage__Atlassian__PageId: \"kctbh9vrtdwd\"",
        })
        {
            Assert.Contains($"\n  {setting}\n", configMap, StringComparison.Ordinal);
        }

        foreach (var (name, value) in Credentials)
        {
            Assert.Contains($"- name: {name}\n              valueFrom:\n                secretKeyRef:\n                  name: \"chatopsbot\"\n                  key: \"{name}\"\n", deployment, StringComparison.Ordinal);
            Assert.Contains($"{name}: \"{value}\"", secret, StringComparison.Ordinal);
            Assert.DoesNotContain(value, configMap, StringComparison.Ordinal);
            Assert.DoesNotContain(name, configMap, StringComparison.Ordinal);
            Assert.DoesNotContain(value, deployment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GitHubReadsItsTokenFromASecretOfItsOwnWhenOneIsNamed()
    {
        var deployment = await RenderAsync("templates/deployment.yaml", "--set", "integrations.github.enabled=true",
            "--set", "integrations.github.repository=acme/web", "--set", "integrations.github.token.secretName=github-bot", "--set", "integrations.github.token.key=token");
        var configMap = await RenderAsync("templates/configmap.yaml", "--set", "integrations.github.enabled=true",
            "--set", "integrations.github.repository=acme/web", "--set", "integrations.github.token.secretName=github-bot", "--set", "integrations.github.token.key=token");

        Assert.Contains("- name: Tracker__GitHub__Token\n              valueFrom:\n                secretKeyRef:\n                  name: \"github-bot\"\n                  key: \"token\"\n", deployment, StringComparison.Ordinal);
        Assert.Contains("\n  Tracker__GitHub__Repository: \"acme/web\"\n", configMap, StringComparison.Ordinal);
        Assert.Contains("\n  Tracker__ExportOnClose: \"false\"\n", configMap, StringComparison.Ordinal);
        Assert.DoesNotContain("Paging__", configMap, StringComparison.Ordinal); // paging is still off
    }

    [Fact]
    public async Task WithTheDefaultsNoIntegrationIsOn()
    {
        var rendered = await File.ReadAllTextAsync(Repo.PathOf("manifests", "chatopsbot.yaml"));

        Assert.DoesNotContain("secretKeyRef", rendered, StringComparison.Ordinal);
        foreach (var section in new[] { "Slack__AppToken", "Paging__", "Tracker__", "StatusPage__" })
        {
            Assert.DoesNotContain(section, rendered, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("integrations.pagerDuty.enabled=true", "integrations.pagerDuty.enabled reads Paging__PagerDuty__RoutingKey from a Secret")]
    [InlineData("integrations.statusPage.enabled=true", "integrations.statusPage.enabled needs integrations.statusPage.pageId")]
    [InlineData("config.Slack__AppToken=xapp-1-in-a-config-map", "config.Slack__AppToken is a credential and config is a ConfigMap")]
    [InlineData("config.Paging__Opsgenie__ApiKey=in-a-config-map", "config.Paging__Opsgenie__ApiKey is a credential and config is a ConfigMap")]
    public async Task TheChartRefusesAnIntegrationWithoutItsSecretAndACredentialUnderConfig(string setting, string message)
    {
        var (exit, output) = await Repo.RunAsync("helm", "template", "chatopsbot", Chart, "--set", setting);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretNamedForAnIntegrationMustHoldItsKeyWhenTheChartCreatesIt()
    {
        var (exit, output) = await Repo.RunAsync("helm", "template", "chatopsbot", Chart, "--set", "secrets.create=true",
            "--set", "integrations.opsgenie.enabled=true");

        Assert.NotEqual(0, exit);
        Assert.Contains("secrets.values has no Paging__Opsgenie__ApiKey", output, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(string template, params string[] values)
    {
        var (exit, rendered) = await Repo.RunAsync("helm", ["template", "chatopsbot", Chart, "--show-only", template, .. values]);
        Assert.True(exit == 0, rendered);
        return rendered;
    }

    public void Dispose() => File.Delete(_values);
}
