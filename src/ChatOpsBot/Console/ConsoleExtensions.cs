using ChatOpsBot.Core.Messages;
using ChatOpsBot.Storage;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ChatOpsBot.Console;

public static class ConsoleExtensions
{
    /// <summary>The Local chat platform, its options and its default channels; nothing when the console is off.</summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        // The console keeps its channels in the incident store's database (Storage), chosen when first resolved.
        builder.Services.AddSingleton<RedisConsoleStore>();
        builder.Services.AddSingleton<SqliteConsoleStore>();
        builder.Services.AddSingleton<IConsoleStore>(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.UsesRedis
            ? sp.GetRequiredService<RedisConsoleStore>()
            : sp.GetRequiredService<SqliteConsoleStore>());
        if (!ConsoleOptions.IsEnabled(builder.Configuration, builder.Environment))
        {
            return builder;
        }

        builder.Services.AddSingleton<IChatPlatform, LocalChatPlatform>();
        builder.Services.AddHostedService<DefaultChannelsSetup>();

        // Alert triage prompts go to Webhooks:TriageChannel ("triage" unless set), so the console opens it at start.
        // Read as configuration, not through WebhookOptions, so the console depends on no other feature folder.
        var triage = builder.Configuration["Webhooks:TriageChannel"] is { Length: > 0 } configured ? configured : "triage";
        builder.Services.PostConfigure<ConsoleOptions>(console =>
        {
            if (!console.DefaultChannels.Contains(triage, StringComparer.OrdinalIgnoreCase))
            {
                console.DefaultChannels.Add(triage);
            }
        });
        return builder;
    }

    /// <summary>The console JSON API under /api/console and the web UI at /.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!ConsoleOptions.IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        var webRoot = ConsoleWebRoot(app);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webRoot });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = webRoot,
            // Revalidate every time (cheap with the ETag): a redeploy must never leave an old app.js talking to a new API.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.MapConsoleApi();
        return app;
    }

    /// <summary>
    /// wwwroot under the content root (dotnet run, the container, WebApplicationFactory); failing that, the copy
    /// published beside the assembly, so `dotnet /opt/chatopsbot/ChatOpsBot.dll` started from elsewhere still has a UI.
    /// </summary>
    private static IFileProvider ConsoleWebRoot(WebApplication app)
    {
        if (app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            return app.Environment.WebRootFileProvider;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(beside, "index.html")))
        {
            return app.Environment.WebRootFileProvider;
        }

        var provider = new PhysicalFileProvider(beside);
        app.Lifetime.ApplicationStopped.Register(provider.Dispose);
        return provider;
    }
}
