using System;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// Keeps --state-file in step with the store: at most one write a second while changes arrive, and a last
/// write on shutdown. Writing a big state on every change would make a 1M-record emulator crawl.
/// </summary>
internal sealed class StatePersistence : IAsyncDisposable
{
    private readonly StaffStore _store;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _dirty;

    public StatePersistence(StaffStore store, string path)
    {
        _store = store;
        _path = path;
        _store.Changed += MarkDirty;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= MarkDirty;
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(false);
        SaveIfDirty();
        _stop.Dispose();
    }

    private void MarkDirty() => Interlocked.Exchange(ref _dirty, 1);

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                SaveIfDirty();
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down; DisposeAsync writes the last state
        }
    }

    private void SaveIfDirty()
    {
        if (Interlocked.Exchange(ref _dirty, 0) == 1)
        {
            try
            {
                SeedFiles.WriteAtomically(_store.Snapshot(), _path);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                Interlocked.Exchange(ref _dirty, 1);
                Console.Error.WriteLine($"titanhst-emulator: could not write state file: {e.Message}");
            }
        }
    }
}
