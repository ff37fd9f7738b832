namespace ChatOpsBot.Console;

public static class ConsoleExtensions
{
    // Replaced by the console work.
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapConsole(this WebApplication app) => app;
}
