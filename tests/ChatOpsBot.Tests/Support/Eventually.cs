namespace ChatOpsBot.Tests.Support;

/// <summary>Waits for something the background reconciler does, failing with what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        T last;
        do
        {
            last = await read();
            if (until(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (Environment.TickCount64 < deadline);

        throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}. Last seen: {System.Text.Json.JsonSerializer.Serialize(last)}");
    }
}
