using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// The start-up and memory baseline: the same framework the bot is built on with nothing of ours in it —
/// <c>WebApplication.CreateBuilder</c>, a /readyz that answers 200 and nothing else.
/// </summary>
internal static class FloorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/readyz", () => Results.Ok());
        await app.RunAsync();
        return 0;
    }
}
