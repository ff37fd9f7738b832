namespace ChatOpsBot.Tests.Support;

/// <summary>
/// Browser tests run on their own, after the rest: Chromium competing with a full parallel suite for two cores
/// makes its timeouts a measure of the machine, not of the product.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
