using Microsoft.Extensions.Options;

namespace ProctorWeb.Tests.Support;

public static class StartupFailure
{
    /// <summary>Starts the app and returns the options validation error it fails with (wrapped or not).</summary>
    public static OptionsValidationException Of(ProctorWebApplication app)
    {
        var thrown = Record.Exception(() => app.Server);
        Assert.NotNull(thrown);
        // Host start-up may wrap the error (AggregateException, TargetInvocationException), so search the whole tree.
        var queue = new Queue<Exception>([thrown]);
        while (queue.TryDequeue(out var e))
        {
            if (e is OptionsValidationException found)
            {
                return found;
            }
            foreach (var inner in e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [])
            {
                queue.Enqueue(inner);
            }
        }
        throw new Xunit.Sdk.XunitException($"The app failed to start, but not with an OptionsValidationException: {thrown}");
    }
}
