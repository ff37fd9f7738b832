using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Refit;
using GraphClientChoice;

// One process per measurement: start-up is what a fresh replica pays. The mode creates its Graph client and makes the
// bot's one Graph call (create a channel) against a local stub, then reports time since process start and memory.
var mode = args.Length > 0 ? args[0] : "refit";
var inMain = System.Diagnostics.Stopwatch.StartNew();
using var stub = new HttpListener();
var port = Random.Shared.Next(20000, 60000);
stub.Prefixes.Add($"http://127.0.0.1:{port}/");
stub.Start();
_ = Task.Run(async () =>
{
    while (stub.IsListening)
    {
        var context = await stub.GetContextAsync();
        var body = Encoding.UTF8.GetBytes("""{"id":"19:inc1@thread.tacv2","displayName":"inc-1-checkout","membershipType":"standard"}""");
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
});

var baseUrl = $"http://127.0.0.1:{port}/v1.0/";
var beforeClient = inMain.Elapsed;
using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
string? id = mode switch
{
    "sdk" => (await new GraphServiceClient(http, new AnonymousAuthenticationProvider(), baseUrl.TrimEnd('/'))
        .Teams["team-1"].Channels.PostAsync(new Channel { DisplayName = "inc-1-checkout", MembershipType = ChannelMembershipType.Standard }))?.Id,
    "refit" => (await RestService.ForGenerated<IGraph>(http).CreateChannelAsync("team-1",
        new JsonObject { ["displayName"] = "inc-1-checkout", ["membershipType"] = "standard" }, default)).Id,
    _ => throw new ArgumentException("mode is sdk or refit"),
};

var clientAndCall = inMain.Elapsed - beforeClient;

// Time since the process started, as the OS counts it: the runtime start-up is part of what a replica pays.
var elapsed = TimeProvider.System.GetUtcNow() - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
GC.Collect();
var process = System.Diagnostics.Process.GetCurrentProcess();
Console.WriteLine($"{mode}\t{elapsed.TotalMilliseconds:F0}\t{clientAndCall.TotalMilliseconds:F0}\t{process.WorkingSet64 / 1024 / 1024}\t{GC.GetTotalMemory(true) / 1024}\t{AppDomain.CurrentDomain.GetAssemblies().Length}\t{id}");
stub.Stop();

namespace GraphClientChoice
{
    public interface IGraph
    {
        [Post("/teams/{teamId}/channels")]
        Task<GraphResource> CreateChannelAsync(string teamId, [Body] JsonObject channel, CancellationToken cancellationToken);
    }

    public sealed record GraphResource(string? Id, string? DisplayName);
}
