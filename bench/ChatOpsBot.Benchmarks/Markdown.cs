using System.Globalization;
using System.Text;

namespace ChatOpsBot.Benchmarks;

/// <summary>Builds the Markdown fragments each scenario writes; bench/run.sh joins them into bench/results.md.</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public void Line(string text = "") => _text.Append(text).Append('\n');

    public void Row(IEnumerable<string> cells) => Line("| " + string.Join(" | ", cells) + " |");

    public override string ToString() => _text.ToString();
}

/// <summary>Number formats for the tables: invariant culture, units a reader expects.</summary>
internal static class Fmt
{
    public static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "×" : "n/a";

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string PerSecond(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Nanoseconds(double ns) => ns switch
    {
        < 1e3 => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
        < 1e6 => (ns / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " µs",
        < 1e9 => (ns / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        _ => (ns / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " s",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };
}
