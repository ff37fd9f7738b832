namespace ChatOpsBot.Core.Tracker;

/// <summary>The tracker action items are filed in, as the domain sees it: its name ("GitHub acme/web", "Jira OPS").</summary>
public sealed record TrackerSettings(string Name, bool ExportOnClose);
