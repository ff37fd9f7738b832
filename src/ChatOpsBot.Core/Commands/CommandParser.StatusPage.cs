namespace ChatOpsBot.Core.Commands;

public static partial class CommandParser
{
    private static bool IsPublicUpdate(string args) => SplitFirst(args).Item1.Equals("public", StringComparison.OrdinalIgnoreCase);

    private static ParseResult ParsePublicUpdate(string args, int? number) =>
        ParseText(SplitFirst(args).Item2, number, "update", "Write the public update after `update public`.", t => new PostPublicUpdateCommand(t));
}
