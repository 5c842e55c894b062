using MassTransit;

namespace Municipal.Testing;

/// <summary>
/// Completes once a bus's consumer has handled the message with the given id: for a consumer that leaves no inbox
/// row to look for (an idempotent statement, issue 18). Connect it before publishing:
/// <c>using var _ = bus.ConnectConsumeObserver(consumed);</c>.
/// </summary>
public sealed class Consumed(Guid messageId) : IConsumeObserver
{
    private readonly TaskCompletionSource handled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => handled.Task;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId == messageId) handled.TrySetResult();
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
