using System.Text.Json;
using Microsoft.Playwright;

namespace ProctorWeb.Bench;

/// <summary>
/// A page's clip upload as the network sees it: the description the page posts to start the clip
/// (<c>POST /Join/Clips</c>), and its chunks until the server's answer says the clip is whole. Any answer with an
/// error ends the watch with the server's words: in a clean run there is none, so a figure is never from a refused clip.
/// </summary>
public sealed class ClipUploadWatch
{
    private readonly TaskCompletionSource<JsonElement> _described = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _whole = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _chunks;

    public ClipUploadWatch(IPage page)
    {
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && IsStart(request.Url) && request.PostDataJSON() is { } description)
            {
                _described.TrySetResult(description);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && (IsStart(response.Url) || IsChunk(response.Url)))
            {
                // Not awaited: the event's handler must not hold up Playwright's other events while the body is read.
                _ = ReadAnswerAsync(response);
            }
        };
    }

    /// <summary>How many chunks the page sent.</summary>
    public int Chunks => Volatile.Read(ref _chunks);

    /// <summary>The start's description (totalBytes, span, type, source), once the clip is whole on the server.</summary>
    public async Task<JsonElement> WholeAsync()
    {
        await _whole.Task;
        return await _described.Task;
    }

    private async Task ReadAnswerAsync(IResponse response)
    {
        try
        {
            if (IsChunk(response.Url))
            {
                Interlocked.Increment(ref _chunks);
            }
            var answer = await response.JsonAsync() ?? throw new InvalidOperationException($"The server answered {response.Url} with no JSON ({response.Status}).");
            if (answer.TryGetProperty("error", out var error))
            {
                _whole.TrySetException(new InvalidOperationException($"The server refused the clip ({response.Status}): {error}"));
            }
            else if (answer.TryGetProperty("complete", out var complete) && complete.GetBoolean())
            {
                _whole.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or JsonException or InvalidOperationException)
        {
            _whole.TrySetException(ex);
        }
    }

    private static bool IsStart(string url) => new Uri(url) is { AbsolutePath: "/Join/Clips", Query: "" };

    private static bool IsChunk(string url) => new Uri(url) is { AbsolutePath: "/Join/Clips" } uri && uri.Query.Contains("handler=Chunk", StringComparison.Ordinal);
}
