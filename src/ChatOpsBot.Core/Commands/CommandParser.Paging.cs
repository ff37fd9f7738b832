namespace ChatOpsBot.Core.Commands;

public static partial class CommandParser
{
    private static ParseResult ParsePage(string args, int? number)
    {
        var (target, message) = SplitFirst(args);
        return target.Length == 0
            ? ParseResult.Fail("Name the service or team to page.", CommandUsage.For("page"))
            : ParseResult.Ok(new PageCommand(target, message.Length == 0 ? null : message), number);
    }
}
