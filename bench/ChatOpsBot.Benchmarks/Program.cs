using BenchmarkDotNet.Running;
using ChatOpsBot.Benchmarks;
using ChatOpsBot.Benchmarks.Http;

// The modes bench/run.sh calls, one per scenario group; each writes Markdown that run.sh joins into bench/results.md.
//   micro <out.md>                                  scenario 3 (BenchmarkDotNet, in process)
//   append <redis> <out.md>                         scenario 2 (timed loops against a running redis-server)
//   http <ChatOpsBot.dll> <redis> <out-dir> <log-dir>   scenarios 5, 1, 6 and 4 (the host as a process, a local Slack stub)
//   floor-host --urls <url>                         the bare minimal-API host the start-up and memory scenarios compare with
//   bdn [BenchmarkDotNet arguments]                 BenchmarkDotNet's own switcher, for running a benchmark by hand
return args switch
{
    ["micro", var output] => MicroScenario.Run(output),
    ["append", var redis, var output] => await AppendScenario.RunAsync(redis, output),
    ["http", var host, var redis, var output, var logs] => await new HttpScenarios(Path.GetFullPath(host), redis, Path.GetFullPath(output), Path.GetFullPath(logs)).RunAsync(),
    ["floor-host", .. var rest] => await FloorHost.RunAsync(rest),
    ["bdn", .. var rest] => Switch(rest),
    _ => Usage(),
};

static int Switch(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(FoldAndCompileBenchmarks).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: ChatOpsBot.Benchmarks micro <out.md> | append <redis> <out.md> | http <ChatOpsBot.dll> <redis> <out-dir> <log-dir> | floor-host --urls <url> | bdn [args]. Normally run by bench/run.sh.");
    return 2;
}
