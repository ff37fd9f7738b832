using ChatOpsBot.Core.Messages;
using Microsoft.Net.Http.Headers;

namespace ChatOpsBot.Console;

public static class ConsoleExtensions
{
    /// <summary>The Local chat platform, its options and its default channels; nothing when Console:Enabled is false.</summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        if (!ConsoleOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddSingleton<IChatPlatform, LocalChatPlatform>();
        builder.Services.AddHostedService<DefaultChannelsSetup>();
        return builder;
    }

    /// <summary>The console JSON API under /api/console and the web UI at /.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!ConsoleOptions.IsEnabled(app.Configuration))
        {
            return app;
        }

        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidate every time (cheap with the ETag): a redeploy must never leave an old app.js talking to a new API.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.MapConsoleApi();
        return app;
    }
}
