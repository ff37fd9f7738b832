using System.Diagnostics;

namespace ChatOpsBot.Testing;

/// <summary>
/// Asks a condition again at a fixed interval until it holds or the time is up: for what a test or a bench run can
/// only observe from outside (a child process listening, a background worker's result). Nothing here is a fixed
/// pause; a condition that holds at once returns at once.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>True as soon as <paramref name="condition"/> holds, false once <paramref name="timeout"/> has passed without it.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(interval ?? DefaultInterval);
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
