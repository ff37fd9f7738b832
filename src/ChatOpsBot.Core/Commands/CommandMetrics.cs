using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// Commands handled and how long they took, by platform and subcommand. A BCL <see cref="Meter"/>, so Core stays
/// free of any telemetry package; the host exports every meter named <see cref="MeterName"/>.
/// </summary>
public static class CommandMetrics
{
    public const string MeterName = "ChatOpsBot";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Handled =
        Meter.CreateCounter<long>("chatopsbot.commands", "{command}", "Commands handled, by platform, subcommand and outcome.");

    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("chatopsbot.command.duration", "s", "Time to handle a command, from parse to reply.");

    internal static void Record(string platform, string subcommand, bool failed, TimeSpan elapsed)
    {
        var tags = new TagList { { "platform", platform }, { "subcommand", subcommand } };
        Duration.Record(elapsed.TotalSeconds, tags);
        tags.Add("outcome", failed ? "refused" : "ok");
        Handled.Add(1, tags);
    }
}
