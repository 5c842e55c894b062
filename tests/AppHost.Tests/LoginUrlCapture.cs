using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Municipal.AppHost.Tests;

/// <summary>Keeps the dashboard's login URL (with its token) from the AppHost's log, where an operator finds it too.</summary>
public sealed partial class LoginUrlCapture : ILoggerProvider, ILogger
{
    private readonly TaskCompletionSource<Uri> found = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Uri> LoginUrl => found.Task;

    public ILogger CreateLogger(string categoryName) => this;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (LoginPattern().Match(formatter(state, exception)) is { Success: true } match)
        {
            found.TrySetResult(new Uri(match.Value));
        }
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Dispose()
    {
    }

    [GeneratedRegex(@"http://\S+/login\?t=[0-9A-Za-z]+")]
    private static partial Regex LoginPattern();
}
