using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ProctorWeb.Tests.Support;

/// <summary>One message the server sent to a client: the client method's name and its arguments, typed as the interface declares.</summary>
public sealed record HubMessage(string Target, object?[] Arguments)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The arguments as the server's JSON protocol writes them, for failure messages and "never sent" checks.</summary>
    public string ArgumentsJson => JsonSerializer.Serialize(Arguments, Json);

    public override string ToString() => $"{Target}{ArgumentsJson}";
}

// The receiving half: every message is kept, and waits claim them in order.
public sealed partial class HubClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Type[]> _parameters = [];
    // Everything the server sent, kept so a failed wait can say what did arrive.
    private readonly List<HubMessage> _history = [];
    // Messages no wait has claimed or passed over yet.
    private readonly List<HubMessage> _unclaimed = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Registers a handler for each method of the hub's client interface, so arguments arrive as the server's own types.</summary>
    private void ListenTo(Type clientInterface)
    {
        // An interface's GetMethods leaves out those of the interfaces it extends (ISignalingClient).
        foreach (var method in clientInterface.GetMethods().Concat(clientInterface.GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            var types = method.GetParameters().Select(p => p.ParameterType).ToArray();
            _parameters[method.Name] = types;
            _connection.On(method.Name, types, (args, target) =>
            {
                Keep(new HubMessage((string)target, args));
                return Task.CompletedTask;
            }, method.Name);
        }
    }

    private void Keep(HubMessage message)
    {
        lock (_gate)
        {
            _history.Add(message);
            _unclaimed.Add(message);
        }
        WakeWaiters();
    }

    private void WakeWaiters()
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            arrived = _arrived;
            _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.TrySetResult();
    }

    /// <summary>
    /// Returns the first <paramref name="target"/> message that matches, waiting for it if need be. Earlier messages
    /// to the same target are passed over (a presence list is superseded by the next one); messages to other targets
    /// stay for their own waits. <typeparamref name="T"/> is the message's one argument, a type built from its
    /// arguments (a tuple such as <c>(string From, SignalMessage Message)</c>), or <see cref="HubMessage"/> itself.
    /// </summary>
    public async Task<T> WaitForAsync<T>(string target, Func<T, bool>? match = null, TimeSpan? timeout = null)
    {
        var read = Reader<T>(target);
        var window = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(window);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var index = _unclaimed.FindIndex(m => m.Target == target && (match is null || match(read(m))));
                if (index >= 0)
                {
                    var found = _unclaimed[index];
                    var passedOver = _unclaimed.Take(index + 1).Where(m => m.Target == target).ToList();
                    _unclaimed.RemoveAll(passedOver.Contains);
                    return read(found);
                }
                if (Closed.IsCompleted)
                {
                    // Every message came in before the close was reported, so none is still on its way.
                    throw NotReceived(target, "the connection closed");
                }
                arrived = _arrived.Task;
            }
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw NotReceived(target, $"nothing matched within {window.TotalSeconds:0.#} s");
            }
        }
    }

    /// <summary>Waits for a <paramref name="target"/> message, whatever its arguments (one without any, such as SessionReplaced).</summary>
    public Task<HubMessage> WaitForAsync(string target, TimeSpan? timeout = null) => WaitForAsync<HubMessage>(target, null, timeout);

    /// <summary>Every <paramref name="target"/> message received so far, claimed or not: for "nothing came before X" checks.</summary>
    public IReadOnlyList<T> ReceivedSoFar<T>(string target)
    {
        var read = Reader<T>(target);
        lock (_gate)
        {
            return _history.Where(m => m.Target == target).Select(read).ToList();
        }
    }

    /// <summary>Every message received so far, whatever its target, in the order it came.</summary>
    public IReadOnlyList<HubMessage> EverythingReceivedSoFar()
    {
        lock (_gate)
        {
            return _history.ToList();
        }
    }

    /// <summary>How a message becomes a <typeparamref name="T"/>; a wrong target or type fails at once, not as a timeout.</summary>
    private Func<HubMessage, T> Reader<T>(string target)
    {
        if (!_parameters.TryGetValue(target, out var types))
        {
            throw new ArgumentException($"The server never sends \"{target}\": its client interface has {string.Join(", ", _parameters.Keys)}.", nameof(target));
        }
        if (typeof(T) == typeof(HubMessage))
        {
            return m => (T)(object)m;
        }
        if (types.Length == 1 && typeof(T).IsAssignableFrom(types[0]))
        {
            return m => (T)m.Arguments[0]!;
        }
        var constructor = typeof(T).GetConstructor(types)
            ?? throw new ArgumentException($"{target} carries ({string.Join(", ", types.Select(t => t.Name))}), which is no {typeof(T).Name}.", nameof(T));
        return m => (T)constructor.Invoke(m.Arguments);
    }

    private Xunit.Sdk.XunitException NotReceived(string target, string why)
    {
        var seen = EverythingReceivedSoFar();
        var list = seen.Count == 0 ? "  nothing at all" : string.Join(Environment.NewLine, seen.Select(m => $"  {m}"));
        return new Xunit.Sdk.XunitException($"{User.DisplayName} did not receive the expected {target}: {why}. Received:{Environment.NewLine}{list}");
    }
}
