namespace ChatOpsBot.Storage;

public static class StorageExtensions
{
    // Replaced by the storage work: registers IIncidentStore, IConsoleStore and a "ready" health check.
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder) => builder;
}
