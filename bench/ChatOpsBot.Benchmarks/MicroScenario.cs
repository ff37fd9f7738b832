using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace ChatOpsBot.Benchmarks;

/// <summary>
/// Scenario 3 through BenchmarkDotNet, in process (no per-run project build, which would cost minutes of the
/// 15-minute budget) with a short job: 3 warm-ups and 5 measured iterations of ~250 ms. Writes the Markdown table.
/// </summary>
internal static class MicroScenario
{
    // Per 10x events; linear work measures ~10x, so beyond this something other than the events' count is at work.
    private const double Superlinear = 15;

    public static int Run(string output)
    {
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("short-inprocess");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithOption(ConfigOptions.DisableLogFile, true)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "chatopsbot-bdn"));
        var summary = BenchmarkRunner.Run<FoldAndCompileBenchmarks>(config);
        File.WriteAllText(output, Render(summary));
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }

    private static string Render(Summary summary)
    {
        var rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new Row(
                r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                Convert.ToInt32(r.BenchmarkCase.Parameters["Events"], CultureInfo.InvariantCulture),
                r.ResultStatistics!.Median,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToList();
        var sizes = rows.Select(r => r.Events).Distinct().Order().ToList();
        var methods = new[] { "ExportJson", "Fold", "CompilePostmortem", "ExportCsv", "ExportMarkdown" };
        var md = new Markdown();
        md.Line("## 3. Fold, postmortem compile and exports");
        md.Line();
        md.Line("BenchmarkDotNet 0.15.8, in-process, short job (3 warm-ups, 5 iterations); median time and bytes allocated per operation. "
            + "Baseline: the JSON export at the same size (the cheapest full pass over the events). "
            + "Growth ×10 = time at this size ÷ time at a tenth of it (linear ≈ 10×, quadratic ≈ 100×).");
        md.Line();
        md.Row(["Operation", "Events", "Time", "vs JSON export", "Growth ×10 (time)", "Allocated", "Growth ×10 (alloc)"]);
        md.Row(["---", "---:", "---:", "---:", "---:", "---:", "---:"]);
        foreach (var method in methods)
        {
            foreach (var size in sizes)
            {
                var row = rows.FirstOrDefault(r => r.Method == method && r.Events == size);
                if (row is null)
                {
                    md.Row([method, Fmt.Int(size), "failed", "", "", "", ""]);
                    continue;
                }

                var baseline = rows.FirstOrDefault(r => r.Method == "ExportJson" && r.Events == size);
                var smaller = rows.FirstOrDefault(r => r.Method == method && r.Events * 10 == size);
                md.Row([method, Fmt.Int(size), Fmt.Nanoseconds(row.MedianNs),
                    baseline is null ? "" : Fmt.Ratio(row.MedianNs / baseline.MedianNs),
                    smaller is null ? "" : Fmt.Ratio(row.MedianNs / smaller.MedianNs) + (row.MedianNs / smaller.MedianNs > Superlinear ? " ⚠" : ""),
                    Fmt.Bytes(row.Bytes),
                    smaller is null || smaller.Bytes == 0 ? "" : Fmt.Ratio((double)row.Bytes / smaller.Bytes)]);
            }
        }

        var flagged = rows
            .Select(r => (Row: r, Smaller: rows.FirstOrDefault(s => s.Method == r.Method && s.Events * 10 == r.Events)))
            .Where(p => p.Smaller is not null && p.Row.MedianNs / p.Smaller.MedianNs > Superlinear)
            .ToList();
        md.Line();
        md.Line(flagged.Count == 0
            ? $"No step grew more than {Superlinear:0}× in time per 10× events."
            : $"⚠ time grew more than {Superlinear:0}× per 10× events: "
                + string.Join("; ", flagged.Select(p => $"{p.Row.Method} {Fmt.Int(p.Smaller!.Events)}→{Fmt.Int(p.Row.Events)} "
                    + $"({Fmt.Ratio(p.Row.MedianNs / p.Smaller.MedianNs)} time, {Fmt.Ratio((double)p.Row.Bytes / Math.Max(1, p.Smaller.Bytes))} allocation)"))
                + ". Where allocation still grew ~10×, the work is linear and the extra time is the cost of collecting and copying ever larger "
                + "buffers and strings (large-object heap, gen-2 collections: tens to hundreds of MB per operation at 100,000 events), not a quadratic pass; "
                + "a 5-iteration short job on a shared machine also leaves small cases with a few percent of noise.");

        var compile = rows.FirstOrDefault(r => r.Method == "CompilePostmortem" && r.Events == 10_000);
        md.Line();
        md.Line(compile is null
            ? "Target (compile of 10,000 events under 100 ms): **not measured**."
            : $"Target: compile of 10,000 events under 100 ms — measured {Fmt.Nanoseconds(compile.MedianNs)}: **{(compile.MedianNs < 100e6 ? "met" : "missed")}**.");
        return md.ToString();
    }

    private sealed record Row(string Method, int Events, double MedianNs, long Bytes);
}
