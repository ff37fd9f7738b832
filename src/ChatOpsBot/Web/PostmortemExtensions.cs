using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Timeline;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Web;

public static class PostmortemExtensions
{
    /// <summary>The postmortem compiler, the blameless review and the timeline exporters, configured from "Timeline".</summary>
    public static WebApplicationBuilder AddPostmortems(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TimelineOptions>().BindConfiguration(TimelineOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TimelineOptions>, TimelineOptionsValidator>();
        builder.Services.AddSingleton(sp => new TimelineSettings(sp.GetRequiredService<IOptions<TimelineOptions>>().Value.FindTimeZone()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<TimelineOptions>>().Value.CreateBlamelessReview());
        builder.Services.AddSingleton<PostmortemCompiler>();
        builder.Services.AddSingleton<TimelineExporter>();
        return builder;
    }
}
