using System.Runtime.CompilerServices;

namespace ChatOpsBot.Core.Tests.Blameless;

/// <summary>One labelled sentence of corpus.tsv.</summary>
public sealed record CorpusSentence(string Part, bool Blames, string Kind, string Text);

/// <summary>Reads corpus.tsv, which sits beside this file: part, label, kind, sentence; '#' lines are comments.</summary>
public static class BlamelessCorpus
{
    public const string Tuning = "tune";
    public const string HeldOut = "holdout";

    public static IReadOnlyList<CorpusSentence> Load([CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "corpus.tsv");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("part\t", StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .Select(f => new CorpusSentence(f[0], f[1] == "blame", f[2], f[3]))
            .ToList();
    }
}
