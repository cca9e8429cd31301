namespace ProctorWeb.Evidence;

/// <summary>
/// Serializes work on one clip (a retried chunk may arrive while the first try is still being written) and on one
/// student's starts (two at once must not both slip under the limit). Striped, so memory stays fixed however many
/// clips there are; two clips sharing a stripe only wait for each other. In one process: a later cluster would
/// pin an exam's students to one node, as the exam rooms are (see ARCHITECTURE.md).
/// </summary>
public sealed class ClipLocks
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _clips = NewStripes();
    private readonly SemaphoreSlim[] _students = NewStripes();

    public Task<IDisposable> ForClipAsync(long clipId) => EnterAsync(_clips[(int)(clipId % Stripes)]);

    public Task<IDisposable> ForStudentAsync(int rosterEntryId) => EnterAsync(_students[rosterEntryId % Stripes]);

    private static SemaphoreSlim[] NewStripes() => Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private static async Task<IDisposable> EnterAsync(SemaphoreSlim stripe)
    {
        await stripe.WaitAsync();
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
