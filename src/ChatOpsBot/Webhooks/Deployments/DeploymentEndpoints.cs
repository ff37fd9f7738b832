using ChatOpsBot.Core.Changes;
using ChatOpsBot.Http;
using ChatOpsBot.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks.Deployments;

/// <summary>
/// POST /webhooks/deployments: deploys from CI (the generic body, bearer token or HMAC) and from GitHub
/// (<c>deployment_status</c>, signed with X-Hub-Signature-256). Verify, parse, hand to <see cref="ChangeIntake"/>.
/// 201 for a new deploy, 200 for one already stored, 202 for a GitHub delivery that is not a finished deploy;
/// 4xx stores nothing, so a CI step fails loudly instead of being miscounted.
/// </summary>
public static partial class DeploymentEndpoints
{
    public static WebApplication MapDeployments(this WebApplication app)
    {
        app.MapPost("/webhooks/deployments", HandleAsync).WithTags("Webhooks");
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ChangeIntake intake, IOptions<DeploymentWebhookOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Deployments");
        var settings = options.Value;
        var gitHubEvent = http.Request.Headers[GitHubDeployPayload.EventHeader].ToString();
        var fromGitHub = gitHubEvent.Length > 0;
        if (fromGitHub ? string.IsNullOrEmpty(settings.GitHub.Secret) : !settings.Deployments.IsConfigured)
        {
            // Off, not open, until a credential is set.
            return Results.NotFound();
        }

        var body = await BoundedBody.ReadAsync(http.Request, WebhookOptions.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is over {WebhookOptions.MaxBodyBytes} bytes.");
        }

        var sender = fromGitHub ? "GitHub" : "CI";
        if (!IsAuthorized(http.Request, body, settings, fromGitHub))
        {
            LogRefused(logger, sender, http.Connection.RemoteIpAddress?.ToString());
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"chatopsbot\"";
            return Problem(StatusCodes.Status401Unauthorized, fromGitHub
                ? $"Missing or wrong {GitHubDeployPayload.SignatureHeader}; set the webhook's secret to Webhooks:GitHub:Secret."
                : $"Send Authorization: Bearer <Webhooks:Deployments:BearerToken>, or {WebhookAuth.SignatureHeader}: sha256=<hex HMAC-SHA256 of the body>.");
        }

        DeployReport report;
        if (fromGitHub)
        {
            if (gitHubEvent == "ping")
            {
                return Results.Ok(new DeployResponse("pong", null, null, []));
            }

            if (gitHubEvent != GitHubDeployPayload.DeploymentStatusEvent)
            {
                return Results.Accepted(value: new DeployResponse("ignored", null, $"Only deployment_status events are deploys, not {Short(gitHubEvent)}.", []));
            }

            var parsed = GitHubDeployPayload.Parse(body);
            if (parsed.Ignored)
            {
                return Results.Accepted(value: new DeployResponse("ignored", null, parsed.Reason, []));
            }

            if (parsed.Report is null)
            {
                LogRejected(logger, sender, parsed.Reason!);
                return Problem(StatusCodes.Status400BadRequest, parsed.Reason!);
            }

            report = parsed.Report;
        }
        else
        {
            var parsed = GenericDeployPayload.Parse(body);
            if (parsed.Report is null)
            {
                LogRejected(logger, sender, parsed.Error!);
                return Problem(StatusCodes.Status400BadRequest, parsed.Error!);
            }

            report = parsed.Report;
        }

        var result = await intake.ReceiveAsync(report, http.RequestAborted);
        if (result.Change is not { } change)
        {
            LogRejected(logger, sender, result.Reason!);
            return Problem(StatusCodes.Status400BadRequest, result.Reason!);
        }

        LogReceived(logger, sender, change.Id, change.Service, change.Environment, result.Outcome);
        var response = new DeployResponse(result.Outcome.ToString().ToLowerInvariant(), change.Id, null, change.Notes);
        return result.Outcome == DeployOutcome.Stored ? Results.Created($"/api/changes/{change.Id}", response) : Results.Ok(response);
    }

    private static bool IsAuthorized(HttpRequest request, byte[] body, DeploymentWebhookOptions settings, bool fromGitHub)
    {
        if (fromGitHub)
        {
            return Sha256Signature.IsValid(request.Headers[GitHubDeployPayload.SignatureHeader], body, settings.GitHub.Secret!);
        }

        var credentials = settings.Deployments;
        if (!string.IsNullOrEmpty(credentials.BearerToken) && WebhookAuth.IsAuthorized(request, new WebhookCredentials { BearerToken = credentials.BearerToken }))
        {
            return true;
        }

        return !string.IsNullOrEmpty(credentials.Secret) && Sha256Signature.IsValid(request.Headers[WebhookAuth.SignatureHeader], body, credentials.Secret);
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} deploy webhook refused: bad credentials from {RemoteIp}")]
    private static partial void LogRefused(ILogger logger, string sender, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} deploy webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string sender, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Sender} deploy {ChangeId} of {Service} to {Environment}: {Outcome}")]
    private static partial void LogReceived(ILogger logger, string sender, string changeId, string service, string environment, DeployOutcome outcome);
}

/// <summary>What the sender gets back: the change id to quote in <c>/incident change</c>, and what intake corrected.</summary>
public sealed record DeployResponse(string Outcome, string? Id, string? Reason, IReadOnlyList<string> Notes);
