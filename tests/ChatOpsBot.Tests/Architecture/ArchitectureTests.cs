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
/// <item>A host folder (ChatOpsBot.&lt;Folder&gt;) is either a feature or a shared seam. A seam is what several
/// features need and none owns (who is asking, which chat platform, HTTP plumbing, health, metrics, the worker
/// base); it uses only Core and other seams.</item>
/// <item>A feature uses Core and the seams, and another feature only through an arrow listed in
/// <see cref="Arrows"/>, each with its reason. A new arrow, folder or seam has to be added here on purpose, so the
/// test run shows it in review.</item>
/// </list>
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(Incident).Assembly;
    private static readonly Assembly Host = typeof(Program).Assembly;

    private static readonly string[] Seams = ["Auth", "Chat", "Health", "Http", "Incidents", "Observability", "Workers"];

    private static readonly string[] Features =
    [
        "Ai", "Bench", "Console", "Paging", "Reconciling", "Reminders", "Slack", "StatusPages", "Storage", "Teams",
        "Tracker", "Web", "Webhooks",
    ];

    /// <summary>The only places a feature uses another feature.</summary>
    private static readonly (string From, string To, string Why)[] Arrows =
    [
        ("Bench", "Slack", "the floor endpoint checks a Slack signature exactly as the slash-command path does"),
        ("Bench", "Storage", "the floor endpoint does one raw XADD through the store's own multiplexer"),
        ("Console", "Slack", "the console is on by default only where Slack is not configured"),
        ("Console", "Storage", "the console keeps its channels in the incident store's database"),
    ];

    private static string[] HostFolders => [.. Seams, .. Features];

    public static TheoryData<string> FeatureFolders => [.. Features];

    public static TheoryData<string> SeamFolders => [.. Seams];

    [Fact]
    public void CoreReferencesNoHostFolder() =>
        AssertNoDependency(Types.InAssembly(Core), "Core", HostFolders.Select(Namespace).ToArray());

    [Fact]
    public void CoreReferencesNoWebFrameworkStoreOrHttpClientLibrary() =>
        AssertNoDependency(Types.InAssembly(Core), "Core",
            "Microsoft.AspNetCore", "StackExchange.Redis", "Microsoft.Data.Sqlite", "Refit");

    [Theory]
    [MemberData(nameof(FeatureFolders))]
    public void AFeatureUsesAnotherFeatureOnlyThroughAListedArrow(string feature) =>
        AssertFolderUsesOnly(feature, [.. Seams, .. Arrows.Where(a => a.From == feature).Select(a => a.To)]);

    [Theory]
    [MemberData(nameof(SeamFolders))]
    public void ASeamUsesNoFeature(string seam) => AssertFolderUsesOnly(seam, Seams);

    [Fact]
    public void EveryHostTypeLivesInAFeatureOrASeam()
    {
        var known = HostFolders.Select(f => $"ChatOpsBot.{f}").ToArray();
        var stray = Host.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("ChatOpsBot", StringComparison.Ordinal) && ns != "ChatOpsBot"
                && !known.Any(k => ns == k || ns.StartsWith(k + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(stray.Count == 0, "Host types outside every listed feature and seam: " + string.Join(", ", stray));
    }

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
