using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GraphClientChoice;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Refit;

// One process per measurement: start-up is what a fresh replica pays. The mode creates its Graph client and makes the
// bot's first Graph call (create a channel) against a local stub, then reports time since process start and memory.
// "floor" is the baseline of the same run: the same POST with a bare HttpClient and System.Text.Json, which any
// client library adds to. Columns (tab-separated): mode, process start → first call answered (ms), client creation +
// first call (ms), working set (MB), peak working set (MB), managed heap after a full GC (KB), bytes allocated since
// the process started (KB), bytes allocated by client creation + first call (KB), loaded assemblies, channel id.
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
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
string? id = mode switch
{
    "floor" => await Floor(http),
    "sdk" => (await new GraphServiceClient(http, new AnonymousAuthenticationProvider(), baseUrl.TrimEnd('/'))
        .Teams["team-1"].Channels.PostAsync(new Channel { DisplayName = "inc-1-checkout", MembershipType = ChannelMembershipType.Standard }))?.Id,
    "refit" => (await RestService.ForGenerated<IGraph>(http).CreateChannelAsync("team-1",
        new JsonObject { ["displayName"] = "inc-1-checkout", ["membershipType"] = "standard" }, default)).Id,
    _ => throw new ArgumentException("mode is floor, sdk or refit"),
};

var clientAndCall = inMain.Elapsed - beforeClient;
var allocatedByCall = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

// Time since the process started, as the OS counts it: the runtime start-up is part of what a replica pays.
var elapsed = TimeProvider.System.GetUtcNow() - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
var allocatedTotal = GC.GetTotalAllocatedBytes(precise: true);
GC.Collect();
var heap = GC.GetTotalMemory(forceFullCollection: true);
var process = System.Diagnostics.Process.GetCurrentProcess();
Console.WriteLine(string.Join('\t',
    mode,
    elapsed.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
    clientAndCall.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
    (process.WorkingSet64 / 1024.0 / 1024).ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
    (process.PeakWorkingSet64 / 1024.0 / 1024).ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
    heap / 1024,
    allocatedTotal / 1024,
    allocatedByCall / 1024,
    AppDomain.CurrentDomain.GetAssemblies().Length,
    id));
stub.Stop();

static async Task<string?> Floor(HttpClient http)
{
    using var response = await http.PostAsJsonAsync("teams/team-1/channels", new JsonObject { ["displayName"] = "inc-1-checkout", ["membershipType"] = "standard" });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<GraphResource>())?.Id;
}

namespace GraphClientChoice
{
    public interface IGraph
    {
        [Post("/teams/{teamId}/channels")]
        Task<GraphResource> CreateChannelAsync(string teamId, [Body] JsonObject channel, CancellationToken cancellationToken);
    }

    public sealed record GraphResource(string? Id, string? DisplayName);
}
