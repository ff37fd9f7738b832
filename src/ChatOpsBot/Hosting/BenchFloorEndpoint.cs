namespace ChatOpsBot.Hosting;

/// <summary>
/// POST /bench/floor: a bare minimal-API endpoint that only answers 200, so bench/run.sh can measure what Kestrel,
/// routing and our middleware cost on their own (the floor the Slack endpoints are compared with). Off unless
/// <c>Bench:FloorEndpoint=true</c>; never on in a deployment.
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

        app.MapPost("/bench/floor", () => Results.Ok()).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
