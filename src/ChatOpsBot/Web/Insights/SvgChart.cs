using System.Globalization;
using System.Net;
using System.Text;

namespace ChatOpsBot.Web.Insights;

/// <summary>A named series of values, one per x position; null where there is no value (no incident that week).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// Charts as inline SVG, drawn on the server: no script, no external file, so the page reads the same without
/// JavaScript, in a screenshot and in a mail client. Each point carries a &lt;title&gt;, so hovering shows its value.
/// </summary>
public static class SvgChart
{
    private const int Width = 600;
    private const int Height = 220;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;

    // Colour-blind-safe (Okabe–Ito), in series order.
    private static readonly string[] Colors = ["#D55E00", "#E69F00", "#0072B2", "#009E73", "#000000", "#CC79A7", "#56B4E9", "#F0E442"];

    public static string Line(string id, string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, Func<double, string> format) =>
        Chart(id, title, xLabels, series, format, stacked: false);

    /// <summary>Bars, stacked when there is more than one series.</summary>
    public static string Bars(string id, string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, Func<double, string> format) =>
        Chart(id, title, xLabels, series, format, stacked: true);

    private static string Chart(string id, string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, Func<double, string> format, bool stacked)
    {
        var n = Math.Max(1, xLabels.Count);
        var max = stacked
            ? Enumerable.Range(0, n).Select(i => series.Sum(s => i < s.Values.Count ? s.Values[i] ?? 0 : 0)).DefaultIfEmpty(0).Max()
            : series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : max * 1.1;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(int i) => Left + (plotW * (i + 0.5) / n);
        double Y(double v) => Top + plotH - (plotH * v / max);

        var sb = new StringBuilder();
        sb.Append(Inv($"<figure class=\"chart\" id=\"{id}\"><figcaption>{E(title)}</figcaption>"));
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">"));
        for (var g = 0; g <= 4; g++)
        {
            var v = max * g / 4;
            var y = Y(v);
            sb.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>"));
            sb.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">{E(format(v))}</text>"));
        }

        var every = Math.Max(1, (int)Math.Ceiling(n / 10.0));
        for (var i = 0; i < xLabels.Count; i += every)
        {
            sb.Append(Inv($"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{E(xLabels[i])}</text>"));
        }

        if (stacked)
        {
            var barW = Math.Max(2, (plotW / n) * 0.7);
            for (var i = 0; i < n; i++)
            {
                double below = 0;
                for (var s = 0; s < series.Count; s++)
                {
                    var v = i < series[s].Values.Count ? series[s].Values[i] ?? 0 : 0;
                    if (v <= 0)
                    {
                        continue;
                    }

                    sb.Append(Inv($"<rect class=\"bar\" x=\"{X(i) - (barW / 2):0.#}\" y=\"{Y(below + v):0.#}\" width=\"{barW:0.#}\" height=\"{Y(below) - Y(below + v):0.#}\" fill=\"{Colors[s % Colors.Length]}\">"));
                    sb.Append(Inv($"<title>{E(xLabels[i])} · {E(series[s].Name)}: {E(format(v))}</title></rect>"));
                    below += v;
                }
            }
        }
        else
        {
            for (var s = 0; s < series.Count; s++)
            {
                var color = Colors[s % Colors.Length];
                var points = series[s].Values.Select((v, i) => (v, i)).Where(p => p.v is not null).ToList();
                if (points.Count > 1)
                {
                    sb.Append(Inv($"<polyline class=\"series\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => Inv($"{X(p.i):0.#},{Y(p.v!.Value):0.#}")))}\"/>"));
                }

                foreach (var (v, i) in points)
                {
                    sb.Append(Inv($"<circle class=\"point\" cx=\"{X(i):0.#}\" cy=\"{Y(v!.Value):0.#}\" r=\"3\" fill=\"{color}\"><title>{E(xLabels[i])} · {E(series[s].Name)}: {E(format(v.Value))}</title></circle>"));
                }
            }
        }

        sb.Append(Inv($"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" stroke=\"#888\"/>"));
        var legendX = (double)Left;
        for (var s = 0; s < series.Count; s++)
        {
            sb.Append(Inv($"<rect x=\"{legendX:0.#}\" y=\"{Height - 14}\" width=\"10\" height=\"10\" fill=\"{Colors[s % Colors.Length]}\"/>"));
            sb.Append(Inv($"<text x=\"{legendX + 14:0.#}\" y=\"{Height - 5}\" font-size=\"11\">{E(series[s].Name)}</text>"));
            legendX += 24 + (series[s].Name.Length * 7);
        }

        return sb.Append("</svg></figure>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
