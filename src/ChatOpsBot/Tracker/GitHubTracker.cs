using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace ChatOpsBot.Tracker;

/// <summary>
/// Files action items as GitHub issues through Octokit. Its HTTP goes through the "github" HttpClientFactory client,
/// so the timeout (and the test's WireMock base address) apply; the token is Octokit's credential, never logged.
/// </summary>
public sealed class GitHubTracker(IHttpMessageHandlerFactory handlers, IOptions<TrackerOptions> options) : ITracker
{
    public const string TrackerName = "GitHub";
    public const string ClientName = "github";

    public string Name => TrackerName;

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
        catch (ApiException ex)
        {
            // GitHub's message ("Bad credentials", "Not Found", "Validation Failed") carries no secret.
            throw new TrackerException($"GitHub answered HTTP {(int)ex.StatusCode}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new TrackerException("GitHub could not be reached", ex);
        }
    }

    // Per call, so the factory's handler rotation applies; the adapter does not own the handler's lifetime.
    private GitHubClient Client(GitHubTrackerOptions settings) =>
        new(new Connection(new ProductHeaderValue("ChatOpsBot"), settings.ApiUrl,
            new InMemoryCredentialStore(new Credentials(settings.Token)), new HttpClientAdapter(() => handlers.CreateHandler(ClientName)),
            new SimpleJsonSerializer()));
}
