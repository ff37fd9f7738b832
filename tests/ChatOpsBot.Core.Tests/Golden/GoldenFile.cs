using System.Runtime.CompilerServices;

namespace ChatOpsBot.Core.Tests.Golden;

/// <summary>
/// Compares output with a committed file under Golden/. To accept a deliberate change, run the tests with
/// UPDATE_GOLDEN=1, review the diff of the files, and commit them.
/// </summary>
public static class GoldenFile
{
    public static void Verify(string fileName, string actual, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(FindGoldenDirectory(callerPath), fileName);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var line = FirstDifferentLine(expected, actual);
            Assert.Fail($"{fileName} differs from the golden file at line {line.Number}:\n expected: {line.Expected}\n actual:   {line.Actual}\n(UPDATE_GOLDEN=1 accepts the change.)");
        }
    }

    private static string FindGoldenDirectory(string callerPath)
    {
        for (var dir = Path.GetDirectoryName(callerPath); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "ChatOpsBot.Core.Tests.csproj")))
            {
                return Path.Combine(dir, "Golden");
            }
        }

        throw new InvalidOperationException($"Cannot find the test project above {callerPath}.");
    }

    private static (int Number, string Expected, string Actual) FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<end of file>";
            var y = i < a.Length ? a[i] : "<end of file>";
            if (x != y)
            {
                return (i + 1, x, y);
            }
        }

        return (0, "", "");
    }
}
