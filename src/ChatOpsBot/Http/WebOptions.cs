using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Http;

/// <summary>Settings under "Web": where people reach this host from chat.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The address people open the bot's pages at, e.g. "https://chatopsbot.example.com". Links the bot posts in chat
    /// (the postmortem draft, the incident page) are made absolute with it; without it they stay relative paths, which
    /// only the web console can open.
    /// </summary>
    public string? PublicUrl { get; set; }
}

internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicUrl) || PublicLinks.TryParseBase(options.PublicUrl, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Web:PublicUrl must be an absolute http(s) URL such as https://chatopsbot.example.com, not '{options.PublicUrl}'.");
}

/// <summary>Turns the bot's own paths ("/api/incidents/1/postmortem") into the links it posts.</summary>
public sealed class PublicLinks(IOptions<WebOptions> options)
{
    public string For(string path)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicUrl) || !TryParseBase(options.Value.PublicUrl, out var root))
        {
            return path;
        }

        return new Uri(root, path.TrimStart('/')).ToString();
    }

    /// <summary>
    /// The absolute link to one of the bot's paths, or null without Web:PublicUrl: for links that leave chat and the
    /// console (a page, an issue in a tracker), where a bare path leads nowhere.
    /// </summary>
    public Uri? Absolute(string path) =>
        !string.IsNullOrWhiteSpace(options.Value.PublicUrl) && TryParseBase(options.Value.PublicUrl, out var root) ? new Uri(root, path.TrimStart('/')) : null;

    internal static bool TryParseBase(string value, out Uri root)
    {
        root = null!;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        // A trailing slash makes a path prefix ("https://example.com/bot") keep its last segment when combined.
        root = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
        return true;
    }
}

public static class WebOptionsExtensions
{
    public static WebApplicationBuilder AddPublicLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddSingleton(sp => new PageLinks(sp.GetRequiredService<PublicLinks>().For));
        return builder;
    }
}
