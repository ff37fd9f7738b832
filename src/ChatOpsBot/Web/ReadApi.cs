namespace ChatOpsBot.Web;

public static class ReadApi
{
    public static WebApplication MapReadApi(this WebApplication app) => app;
}
