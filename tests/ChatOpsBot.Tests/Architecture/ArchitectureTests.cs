using System.Reflection;
using ChatOpsBot.Core.Incidents;
using NetArchTest.Rules;

namespace ChatOpsBot.Tests.Architecture;

/// <summary>
/// The folder boundaries, checked against the compiled assemblies. Read top to bottom, this is the dependency part
/// of the README's "Architecture" section:
/// <list type="bullet">
/// <item>Core (ChatOpsBot.Core.*) is the domain: it knows no host folder, no ASP.NET Core, no Redis, no SQLite and no
/// HTTP client library.</item>
/// <item>Each host folder (ChatOpsBot.&lt;Folder&gt;) is one feature. It reaches other host folders only where listed
/// below; everything else it shares goes through Core.</item>
/// </list>
/// The lists describe the code as it stands; a new arrow between folders has to be added here on purpose, so the
/// test run shows it in review. Teams' own outgoing arrows are not pinned yet (that folder is still being built);
/// that no other folder uses Teams is.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(Incident).Assembly;
    private static readonly Assembly Host = typeof(Program).Assembly;

    private static readonly string[] HostFolders =
    [
        "Ai", "Console", "Deployments", "Hosting", "Paging", "Scheduling", "Slack", "StatusPages", "Storage", "Teams",
        "Tracker", "Web", "Webhooks",
    ];

    [Fact]
    public void CoreReferencesNoHostFolder() =>
        AssertNoDependency(Types.InAssembly(Core), "Core", HostFolders.Select(Namespace).ToArray());

    [Fact]
    public void CoreReferencesNoWebFrameworkStoreOrHttpClientLibrary() =>
        AssertNoDependency(Types.InAssembly(Core), "Core",
            "Microsoft.AspNetCore", "StackExchange.Redis", "Microsoft.Data.Sqlite", "Refit");

    [Fact]
    public void AiUsesNoOtherHostFolder() => AssertFolderUsesOnly("Ai");

    [Fact]
    public void SlackUsesOnlyHosting() => AssertFolderUsesOnly("Slack", "Hosting");

    [Fact]
    public void WebUsesOnlyHosting() => AssertFolderUsesOnly("Web", "Hosting");

    [Fact]
    public void ConsoleUsesOnlyHostingAndSlack() => AssertFolderUsesOnly("Console", "Hosting", "Slack");

    [Fact]
    public void WebhooksUseOnlyConsoleAndHosting() => AssertFolderUsesOnly("Webhooks", "Console", "Hosting");

    [Fact]
    public void StorageUsesOnlyConsoleAndHosting() => AssertFolderUsesOnly("Storage", "Console", "Hosting");

    [Fact]
    public void SchedulingUsesOnlyHostingAndWeb() => AssertFolderUsesOnly("Scheduling", "Hosting", "Web");

    [Fact]
    public void DeploymentsUseOnlyHostingAndWebhooks() => AssertFolderUsesOnly("Deployments", "Hosting", "Webhooks");

    [Fact]
    public void PagingUsesOnlyHostingSchedulingAndWeb() => AssertFolderUsesOnly("Paging", "Hosting", "Scheduling", "Web"); // Web: PublicLinks

    [Fact]
    public void TrackerUsesOnlyHostingSchedulingAndWeb() => AssertFolderUsesOnly("Tracker", "Hosting", "Scheduling", "Web"); // Web: PublicLinks

    [Fact]
    public void StatusPagesUseOnlyScheduling() => AssertFolderUsesOnly("StatusPages", "Scheduling");

    [Fact]
    public void HostingUsesOnlySchedulingSlackAndStorage() =>
        AssertFolderUsesOnly("Hosting", "Scheduling", "Slack", "Storage");

    [Fact]
    public void NoHostFolderButTeamsUsesTeams() =>
        AssertNoDependency(
            // Program (global namespace) is where Teams is wired in, like every other folder.
            Types.InAssembly(Host).That().ResideInNamespace("ChatOpsBot").And().DoNotResideInNamespaceMatching(@"^ChatOpsBot\.Teams(\..*)?$"),
            "every host folder but Teams", Namespace("Teams"));

    /// <summary>The folder's types depend on no host folder outside <paramref name="allowed"/> (and itself).</summary>
    private static void AssertFolderUsesOnly(string folder, params string[] allowed)
    {
        var forbidden = HostFolders.Where(f => f != folder && !allowed.Contains(f)).Select(Namespace).ToArray();
        AssertNoDependency(InFolder(folder), folder, forbidden);
    }

    /// <summary>
    /// The folder's types, matched as a whole namespace segment: a plain prefix would count ChatOpsBot.Webhooks as
    /// part of ChatOpsBot.Web.
    /// </summary>
    private static PredicateList InFolder(string folder) =>
        Types.InAssembly(Host).That().ResideInNamespaceMatching($@"^ChatOpsBot\.{folder}(\..*)?$");

    private static void AssertNoDependency(PredicateList types, string what, params string[] forbidden) =>
        AssertNoDependency(types.Should().NotHaveDependencyOnAny(forbidden).GetResult(), what, forbidden);

    private static void AssertNoDependency(Types types, string what, params string[] forbidden) =>
        AssertNoDependency(types.Should().NotHaveDependencyOnAny(forbidden).GetResult(), what, forbidden);

    private static void AssertNoDependency(TestResult result, string what, string[] forbidden) =>
        Assert.True(result.IsSuccessful,
            $"{what} must not depend on {string.Join(", ", forbidden)}, but these types do: "
            + string.Join(", ", result.FailingTypeNames ?? []));

    /// <summary>
    /// A folder's namespace. NetArchTest matches dependencies by whole namespace segments, so "ChatOpsBot.Web"
    /// covers ChatOpsBot.Web.Pages but not ChatOpsBot.Webhooks.
    /// </summary>
    private static string Namespace(string folder) => $"ChatOpsBot.{folder}";
}
