namespace ChatOpsBot.Http;

/// <summary>
/// Reads a request body as raw bytes up to a limit, for signature checks over exactly what was sent. Every inbound
/// webhook and the Slack signature check read through here.
/// </summary>
public static class BoundedBody
{
    /// <summary>
    /// The body, or null when it is larger than <paramref name="maxBytes"/> (checked on the header and while reading,
    /// since either may lie or be missing): an unauthenticated body is not worth buffering.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>As <see cref="ReadAsync"/>, and leaves the body rewound for the endpoint that runs after a check (a filter).</summary>
    public static async Task<byte[]?> ReadAndRewindAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        request.EnableBuffering(maxBytes);
        var body = await ReadAsync(request, maxBytes, cancellationToken);
        request.Body.Position = 0;
        return body;
    }
}
