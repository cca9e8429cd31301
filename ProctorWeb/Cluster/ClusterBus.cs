using System.Collections.Concurrent;
using System.Text.Json;
using ProctorWeb.Calls;
using ProctorWeb.Exams.Live;
using ProctorWeb.Realtime;
using StackExchange.Redis;

namespace ProctorWeb.Cluster;

/// <summary>
/// Messages between nodes over Redis pub/sub. A page's live command goes to the node holding the exam and the page
/// waits for its answer (so "ended early" is over before the report shows); revoked access goes to every node,
/// since an account's tabs may be connected anywhere. Nodes talk to each other only through Redis.
/// </summary>
public sealed class ClusterBus(IConnectionMultiplexer redis, RedisRooms rooms, OpenConnections connections, IServiceProvider services, ILogger<ClusterBus> logger)
    : IHostedService, ILiveCommandRoute
{
    /// <summary>An owner that does not answer within this is taken for dead: the page runs the command itself.</summary>
    private static readonly TimeSpan OwnerAnswers = TimeSpan.FromSeconds(5);

    private static readonly RedisChannel Everyone = RedisChannel.Literal("proctorweb:revocations");

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<string?>> _waiting = new();

    private sealed record Request(Guid Id, string ReplyTo, LiveCommand Command);

    private sealed record Reply(Guid Id, string? Error);

    private sealed record Broadcast(string From, Revocation Revocation);

    private ISubscriber Bus => redis.GetSubscriber();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Handlers catch and log their own failures: nothing waits for them.
        await Bus.SubscribeAsync(Inbox(rooms.Me), (channel, message) => _ = OnRequestAsync(message!));
        await Bus.SubscribeAsync(Replies(rooms.Me), (_, message) => OnReply(message!));
        await Bus.SubscribeAsync(Everyone, (channel, message) => _ = OnBroadcastAsync(message!));
        connections.Revoked += Publish;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        connections.Revoked -= Publish;
        return Task.CompletedTask;
    }

    public async Task<bool> RunOnOwnerAsync(LiveCommand command)
    {
        var owner = await rooms.OwnerAsync(Rooms.Exam(command.ExamId));
        if (owner is null || owner.IsThisNode)
        {
            return false;
        }
        var request = new Request(Guid.NewGuid(), rooms.Me, command);
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[request.Id] = answer;
        try
        {
            if (await Bus.PublishAsync(Inbox(owner.Incarnation), JsonSerializer.Serialize(request)) == 0)
            {
                // Nobody listens there: the owner is gone and its lease not yet over.
                return false;
            }
            var error = await answer.Task.WaitAsync(OwnerAnswers);
            return error is null ? true : throw new InvalidOperationException($"Node {owner.Node} failed to run {command.Kind} for exam {command.ExamId}: {error}");
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Node {Node} did not answer {Kind} for exam {ExamId} in time; it runs here instead.", owner.Node, command.Kind, command.ExamId);
            return false;
        }
        finally
        {
            _waiting.TryRemove(request.Id, out _);
        }
    }

    private async Task OnRequestAsync(string message)
    {
        Request request;
        string? error = null;
        try
        {
            request = JsonSerializer.Deserialize<Request>(message)!;
        }
        catch (JsonException e)
        {
            logger.LogError(e, "A request from another node could not be read.");
            return;
        }
        try
        {
            await services.GetRequiredService<LiveExamCommands>().RunHereAsync(request.Command);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Running {Kind} for exam {ExamId} for another node failed.", request.Command.Kind, request.Command.ExamId);
            error = e.GetType().Name;
        }
        try
        {
            await Bus.PublishAsync(Replies(request.ReplyTo), JsonSerializer.Serialize(new Reply(request.Id, error)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Answering another node failed; it runs the command itself after waiting.");
        }
    }

    private void OnReply(string message)
    {
        var reply = JsonSerializer.Deserialize<Reply>(message)!;
        if (_waiting.TryGetValue(reply.Id, out var answer))
        {
            answer.TrySetResult(reply.Error);
        }
    }

    private void Publish(Revocation revocation) => _ = PublishAsync(revocation);

    private async Task PublishAsync(Revocation revocation)
    {
        try
        {
            await Bus.PublishAsync(Everyone, JsonSerializer.Serialize(new Broadcast(rooms.Me, revocation)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogError(e, "Telling the other nodes about a revocation failed: their connections of it stay open until they close.");
        }
    }

    private async Task OnBroadcastAsync(string message)
    {
        try
        {
            var broadcast = JsonSerializer.Deserialize<Broadcast>(message)!;
            if (broadcast.From == rooms.Me)
            {
                return;
            }
            connections.RevokeHere(broadcast.Revocation);
            if (broadcast.Revocation.UserId is { } userId)
            {
                // Presence lives on the node holding the calls page: the account leaves the list there.
                await services.GetRequiredService<CallCoordinator>().SignOutAsync(userId);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Applying a revocation from another node failed.");
        }
    }

    private static RedisChannel Inbox(string incarnation) => RedisChannel.Literal($"proctorweb:node:{incarnation}");

    private static RedisChannel Replies(string incarnation) => RedisChannel.Literal($"proctorweb:reply:{incarnation}");
}
