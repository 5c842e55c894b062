using Microsoft.Extensions.Hosting;

namespace Municipal.AppHost;

/// <summary>
/// Keeps each project's console output in <c>logs/{resource}.log</c> of the run directory as well as in the dashboard:
/// a run without a dashboard (scripts/test, the fault day) still leaves what a failing test needs to be understood.
/// </summary>
internal static class ResourceLogFiles
{
    public static void Write(IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(settings.RunDirectory, "logs")).FullName;
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, cancellationToken) =>
        {
            var logs = created.Services.GetRequiredService<ResourceLoggerService>();
            var stopping = created.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            foreach (var project in created.Model.Resources.OfType<ProjectResource>())
            {
                _ = Task.Run(() => FollowAsync(logs, project, Path.Combine(folder, project.Name + ".log"), stopping), CancellationToken.None);
            }
            return Task.CompletedTask;
        });
    }

    private static async Task FollowAsync(ResourceLoggerService logs, IResource resource, string path, CancellationToken stopping)
    {
        try
        {
            await using var writer = new StreamWriter(path, append: false) { AutoFlush = true };
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopping))
            {
                foreach (var line in batch)
                {
                    await writer.WriteLineAsync(line.Content);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }
}
