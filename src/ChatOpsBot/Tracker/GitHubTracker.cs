using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace ChatOpsBot.Tracker;

/// <summary>
/// Files action items as GitHub issues through Octokit, each with its <see cref="TrackerMarker"/> in the body, which the
/// search-before-create looks for (GET /search/issues, restricted to the repository's issue bodies). Its HTTP goes through the "github" HttpClientFactory client,
/// so the timeout (and the test's WireMock base address) apply; the token is Octokit's credential, never logged.
/// </summary>
public sealed class GitHubTracker(IHttpMessageHandlerFactory handlers, IOptions<TrackerOptions> options) : ITracker
{
    public const string TrackerName = "GitHub";
    public const string ClientName = "github";

    public string Name => TrackerName;

    public async Task<IReadOnlyDictionary<int, FiledIssue>> FindFiledAsync(Incident incident, IReadOnlyCollection<int> items, CancellationToken cancellationToken)
    {
        var settings = options.Value.GitHub;
        // One phrase for all of the incident's items, so a search also finds the later items' issues and spares the
        // search API's 30 requests a minute. GitHub matches the phrase loosely; the marker is then checked exactly.
        var request = new SearchIssuesRequest($"\"{TrackerMarker.Prefix(incident)}\"")
        {
            Repos = [settings.Repository!],
            In = [IssueInQualifier.Body],
            Type = IssueTypeQualifier.Issue,
            PerPage = 100,
        };
        SearchIssuesResult found;
        try
        {
            found = await Client(settings).Search.SearchIssues(request).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw Failure(ex, " to the search for issues filed earlier");
        }

        var filed = new Dictionary<int, FiledIssue>();
        foreach (var issue in found.Items.OrderBy(i => i.Number))
        {
            foreach (var item in TrackerMarker.ItemsIn(incident, issue.Body).Where(items.Contains))
            {
                filed.TryAdd(item, new FiledIssue($"{settings.Repository}#{issue.Number}", issue.HtmlUrl));
            }
        }

        return filed;
    }

    public async Task<FiledIssue> FileAsync(ActionItemOrder order, CancellationToken cancellationToken)
    {
        var settings = options.Value.GitHub;
        var (owner, repository) = (settings.Repository!.Split('/')[0], settings.Repository.Split('/')[1]);
        var issue = new NewIssue(order.Title) { Body = string.Join("\n\n", order.Lines) };
        foreach (var label in settings.Labels)
        {
            issue.Labels.Add(label);
        }

        try
        {
            var created = await Client(settings).Issue.Create(owner, repository, issue).WaitAsync(cancellationToken);
            return new FiledIssue($"{settings.Repository}#{created.Number}", created.HtmlUrl);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw Failure(ex);
        }
    }

    // GitHub's message ("Bad credentials", "Not Found", "Validation Failed") carries no secret.
    private static TrackerException Failure(Exception ex, string during = "") => ex is ApiException api
        ? new TrackerException($"GitHub answered HTTP {(int)api.StatusCode}{during}: {api.Message}", ex)
        : new TrackerException("GitHub could not be reached", ex);

    // Per call, so the factory's handler rotation applies; the adapter does not own the handler's lifetime.
    private GitHubClient Client(GitHubTrackerOptions settings) =>
        new(new Connection(new ProductHeaderValue("ChatOpsBot"), settings.ApiUrl,
            new InMemoryCredentialStore(new Credentials(settings.Token)), new HttpClientAdapter(() => handlers.CreateHandler(ClientName)),
            new SimpleJsonSerializer()));
}
