using System.Net;

namespace Municipal.FaultDay;

/// <summary>
/// How residents and clerks behave when the counter is unavailable: a 503 (with Retry-After), a 429, a timeout or a
/// refused connection means "try again shortly", as the pages do; any other answer is final. Someone gives up
/// only after <see cref="GiveUpAfter"/>.
/// </summary>
public sealed class Patience(TimeSpan giveUpAfter)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(2);

    public TimeSpan GiveUpAfter { get; } = giveUpAfter;

    /// <summary>The first final answer, or null when the operation gave up (recorded on it).</summary>
    public async Task<HttpResponseMessage?> SendAsync(HttpClient http, Operation operation, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            operation.Attempts++;
            string why;
            var wait = DefaultWait;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RequestTimeout);
                var response = await http.SendAsync(request(), timeout.Token);
                if (!IsTransient(response.StatusCode)) return response;
                why = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.Headers.RetryAfter?.Delta is { } delta) wait = delta < TimeSpan.FromSeconds(5) ? delta : TimeSpan.FromSeconds(5);
                response.Dispose();
            }
            catch (HttpRequestException ex)
            {
                why = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                why = "no answer within 30 s";
            }
            operation.Trouble();
            if (DateTime.UtcNow > deadline)
            {
                operation.GiveUp(why);
                return null;
            }
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>The same patience for a call that is not HTTP (the hub): any exception is a reason to try again.</summary>
    public async Task<T?> RetryAsync<T>(Operation operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            operation.Attempts++;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RequestTimeout);
                return await call(timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                operation.Trouble();
                if (DateTime.UtcNow > deadline)
                {
                    operation.GiveUp(ex.Message);
                    return default;
                }
            }
            await Task.Delay(DefaultWait, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}
