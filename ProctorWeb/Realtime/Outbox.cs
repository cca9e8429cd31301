namespace ProctorWeb.Realtime;

/// <summary>
/// Messages decided while a registry holds its lock, sent after it is released, so a slow client
/// never holds up anyone else, and one unreachable client does not stop the others from hearing.
/// </summary>
public sealed class Outbox
{
    private readonly List<Func<Task>> _sends = [];

    public void Add(Func<Task> send) => _sends.Add(send);

    public async Task SendAllAsync(ILogger logger)
    {
        foreach (var send in _sends)
        {
            try
            {
                await send();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not deliver a hub message");
            }
        }
    }
}
