namespace ChatOpsBot.Core.Changes;

/// <summary>
/// Where deploys live, beside the incidents in the same Redis or SQLite. Both implementations pass one contract suite.
/// </summary>
public interface IChangeStore
{
    /// <summary>
    /// Stores <paramref name="change"/> unless a change with its <see cref="Change.ProviderId"/> is already stored, atomically:
    /// of two requests carrying the same deploy at once exactly one adds it. Returns the stored change either way.
    /// </summary>
    Task<ChangeAddResult> AddAsync(Change change, CancellationToken cancellationToken);

    /// <summary>A change by its <see cref="Change.Id"/>, or by its <see cref="Change.Url"/>; null when neither matches.</summary>
    Task<Change?> FindAsync(string idOrUrl, CancellationToken cancellationToken);

    /// <summary>Changes whose <see cref="Change.FinishedAt"/> is in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    Task<IReadOnlyList<Change>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <param name="Added">False: the deploy was already stored (a retried or duplicate report); <paramref name="Change"/> is the stored one.</param>
public sealed record ChangeAddResult(bool Added, Change Change);
