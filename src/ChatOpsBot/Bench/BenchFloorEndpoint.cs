using ChatOpsBot.Slack;
using ChatOpsBot.Storage;
using StackExchange.Redis;

namespace ChatOpsBot.Bench;

/// <summary>
/// Endpoints bench/run.sh compares the real ones with; off unless <c>Bench:FloorEndpoint=true</c>, never on in a deployment.
/// <list type="bullet">
/// <item>POST /bench/floor: only answers 200, what Kestrel, routing and our middleware cost on their own.</item>
/// <item>POST /bench/floor/xadd: what a slash command's work costs at the least — the same Slack signature check and
/// form parse as /slack/commands, then one raw XADD of the command text through the bot's own multiplexer (Redis only).</item>
/// </list>
/// </summary>
public static class BenchFloorEndpoint
{
    public const string Setting = "Bench:FloorEndpoint";

    public static WebApplication MapBenchFloor(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return app;
        }

        var floor = app.MapGroup("/bench/floor").DisableAntiforgery().ExcludeFromDescription();
        floor.MapPost("/", () => Results.Ok());
        floor.MapGroup("/xadd").RequireSlackSignature().MapPost("/", async (HttpContext http, IServiceProvider services, RedisKeys keys) =>
        {
            var form = await SlackForms.ReadAsync(http);
            if (form is null)
            {
                return Results.BadRequest();
            }

            var redis = services.GetRequiredService<IConnectionMultiplexer>();
            await redis.GetDatabase().StreamAddAsync($"{keys.Prefix}:bench-floor", "e", form["text"].ToString());
            return Results.Ok();
        });
        return app;
    }
}
