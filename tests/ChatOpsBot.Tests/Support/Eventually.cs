using ChatOpsBot.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>Waits for something the background reconciler does, failing with what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> until, string what, TimeSpan? timeout = null)
    {
        T last = default!;
        if (await Poll.UntilAsync(async () => until(last = await read()), timeout ?? TimeSpan.FromSeconds(15)))
        {
            return last;
        }

        throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}. Last seen: {System.Text.Json.JsonSerializer.Serialize(last)}");
    }
}
