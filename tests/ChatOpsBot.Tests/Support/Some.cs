using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChatOpsBot.Tests.Support;

/// <summary>Unique test data, so a test's values never collide with another's.</summary>
[SuppressMessage("Naming", "CA1720", Justification = "Some.Int() and Some.String() read as English, as in Serilog's tests.")]
public static class Some
{
    private static int _counter;

    public static int Int() => Interlocked.Increment(ref _counter);

    public static string String(string tag = "s") => $"{tag}-{Int().ToString(CultureInfo.InvariantCulture)}";
}
