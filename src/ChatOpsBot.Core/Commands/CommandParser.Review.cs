namespace ChatOpsBot.Core.Commands;

/// <summary>"review": the blameless review on demand; it takes no arguments.</summary>
public static partial class CommandParser
{
    private static ParseResult ParseReview(string args, int? number) => NoArguments(new ReviewCommand(), args, number);
}
