namespace ChatOpsBot.Core.Messages;

/// <summary>
/// A text document for the channel: the postmortem draft, a timeline export. Platforms that take files upload it;
/// the others show it as a message (see <see cref="IChatPlatform.UploadFileAsync"/>).
/// </summary>
public sealed record ChatFile(string FileName, string Title, string Content);
