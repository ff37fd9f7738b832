using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Deployment;

/// <summary>What an SRE deploys: the Helm chart, the plain manifests rendered from it, and the Dockerfile.</summary>
public sealed class DeploymentTests
{
    private const string Chart = "helm/chatopsbot";

    [Theory]
    [InlineData("helm/chatopsbot/values.yaml")]
    [InlineData("helm/chatopsbot/values-production.yaml")]
    public async Task TheChartLintsCleanInStrictMode(string values)
    {
        var (exit, output) = await Repo.RunAsync("helm", "lint", "--strict", Chart, "-f", values);

        Assert.True(exit == 0, output);
        Assert.Contains("0 chart(s) failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheManifestsAreTheChartRenderedWithItsDefaults()
    {
        var (exit, rendered) = await Repo.RunAsync("helm", "template", "chatopsbot", Chart, "--namespace", "chatopsbot");
        Assert.True(exit == 0, rendered);

        var committed = await File.ReadAllLinesAsync(Repo.PathOf("manifests", "chatopsbot.yaml"));

        Assert.True(
            string.Join('\n', committed.Skip(1)).Trim() == rendered.Trim(),
            "manifests/chatopsbot.yaml is out of date with the chart: run scripts/render-manifests.sh");
    }

    [Fact]
    public async Task TheProductionValuesRunThreeReplicasOnRedisWithAutoscalingAndAServiceMonitor()
    {
        var (exit, rendered) = await Repo.RunAsync("helm", "template", "chatopsbot", Chart, "-f", $"{Chart}/values-production.yaml");

        Assert.True(exit == 0, rendered);
        Assert.Contains("Storage__Provider: \"Redis\"", rendered, StringComparison.Ordinal);
        Assert.Contains("kind: HorizontalPodAutoscaler", rendered, StringComparison.Ordinal);
        Assert.Contains("kind: ServiceMonitor", rendered, StringComparison.Ordinal);
        Assert.Contains("name: chatopsbot\n", rendered, StringComparison.Ordinal); // the existing Secret
        Assert.DoesNotContain("kind: PersistentVolumeClaim", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replicaCount=2")]
    [InlineData("autoscaling.enabled=true")]
    public async Task TheChartRefusesSqliteWithMoreThanOneReplica(string setting)
    {
        var (exit, output) = await Repo.RunAsync("helm", "template", "chatopsbot", Chart, "--set", setting);

        Assert.NotEqual(0, exit);
        Assert.Contains("storage.provider=sqlite runs exactly one replica", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChartRefusesValuesItsSchemaDoesNotAllow()
    {
        var (exit, output) = await Repo.RunAsync("helm", "template", "chatopsbot", Chart, "--set", "storage.provider=postgres");

        Assert.NotEqual(0, exit);
        Assert.Contains("/storage/provider", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefaultDeploymentIsLockedDownAndProbed()
    {
        var rendered = await File.ReadAllTextAsync(Repo.PathOf("manifests", "chatopsbot.yaml"));

        Assert.Contains("runAsNonRoot: true", rendered, StringComparison.Ordinal);
        Assert.Contains("readOnlyRootFilesystem: true", rendered, StringComparison.Ordinal);
        Assert.Contains("allowPrivilegeEscalation: false", rendered, StringComparison.Ordinal);
        Assert.Contains("path: /healthz", rendered, StringComparison.Ordinal);
        Assert.Contains("path: /readyz", rendered, StringComparison.Ordinal);
        Assert.Contains("kind: PodDisruptionBudget", rendered, StringComparison.Ordinal);
        Assert.Contains("claimName: chatopsbot-data", rendered, StringComparison.Ordinal);
        Assert.Contains("type: Recreate", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheManifestsAndValuesPassYamllint()
    {
        var (exit, output) = await Repo.RunAsync("yamllint", "--strict", "manifests/", $"{Chart}/values.yaml", $"{Chart}/values-production.yaml");

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task TheDockerfilePassesItsLinterAndRunsAsANonRootUserOn8080()
    {
        var (exit, output) = await Repo.RunAsync("dockerfilelint", "Dockerfile");
        Assert.True(exit == 0, output);

        var dockerfile = await File.ReadAllLinesAsync(Repo.PathOf("Dockerfile"));
        var user = dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotEqual("USER root", user);
        Assert.NotEqual("USER 0", user);
        Assert.Contains("EXPOSE 8080", dockerfile);
        Assert.Contains(dockerfile, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.Contains("/healthz", StringComparison.Ordinal));
        Assert.DoesNotContain(dockerfile, l => l.Contains("SigningSecret", StringComparison.Ordinal) || l.Contains("BotToken", StringComparison.Ordinal));
    }
}
