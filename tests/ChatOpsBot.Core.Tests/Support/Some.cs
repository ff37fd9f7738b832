using System.Diagnostics.CodeAnalysis;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Support;

/// <summary>Unique test data, so no test passes by accident on a value another test happened to use.</summary>
public static class Some
{
    private static int _counter;

    [SuppressMessage("Naming", "CA1720", Justification = "Some.Int() / Some.String() is the Serilog test idiom STYLE.md points at.")]
    public static int Int() => Interlocked.Increment(ref _counter);

    [SuppressMessage("Naming", "CA1720", Justification = "Some.Int() / Some.String() is the Serilog test idiom STYLE.md points at.")]
    public static string String(string prefix = "text") => $"{prefix}-{Int()}";

    public static string Title() => $"Checkout failing {Int()}";

    public static Actor Actor()
    {
        var n = Int();
        return new Actor($"U{n}", $"user{n}");
    }

    public static ConversationRef Channel(string platform = "slack")
    {
        var n = Int();
        return new ConversationRef(platform, $"C{n}", $"inc-{n}");
    }
}
