using System.Text.Json;
using Npgsql;

namespace Municipal.Testing;

/// <summary>
/// Where the tests find the system and its infrastructure: first the process's own environment (what a runner exports:
/// scripts/test, scripts/fault-day), then the contract the AppHost resolved for a running copy (<c>contract.json</c> in
/// its run directory, named by <c>MUNICIPAL_CONTRACT</c>: scripts/bench sets it; after scripts/run,
/// <c>MUNICIPAL_CONTRACT=.local/apphost/contract.json dotnet test …</c>), then the shared infrastructure's defaults.
/// </summary>
public static class TestEnvironment
{
    public static readonly string RepositoryRoot = FindRoot();

    private static readonly Lazy<Contract> Resolved = new(ReadContract);

    public static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : Resolved.Value.Environment.TryGetValue(name, out var resolved) && resolved.Length > 0 ? resolved
        : fallback;

    public static string Postgres(string database) =>
        Get($"ConnectionStrings__{database}", $"Host=127.0.0.1;Port=5432;Database={database};Username=municipal;Password=municipal;SSL Mode=Disable");

    /// <summary>The server's <c>postgres</c> database, with the credentials the services use (test databases are made there).</summary>
    public static string PostgresAdmin => Get("ConnectionStrings__postgres", "") is { Length: > 0 } admin
        ? admin
        : new NpgsqlConnectionStringBuilder(Postgres("bookingdb")) { Database = "postgres" }.ConnectionString;

    public static string RabbitMq => Get("ConnectionStrings__rabbitmq", "amqp://guest:guest@127.0.0.1:5672");

    public static string RabbitMqManagement => Get("RABBITMQ_MANAGEMENT_URL", Resolved.Value.RabbitMqManagement ?? "http://127.0.0.1:15672");

    public static string Redis => Get("ConnectionStrings__redis", "127.0.0.1:6379");

    public static string Smtp => Get("ConnectionStrings__smtp", "smtp://127.0.0.1:2525");

    public static string ClamAv => Get("ConnectionStrings__clamav", "tcp://127.0.0.1:3310");

    public static string Maildir => Get("Mail__Maildir", Get("MUNICIPAL_MAILDIR", "/var/tmp/municipal-mail"));

    /// <summary>The gateway as the system names itself in its links (<c>PublicBaseUrl</c>): pages and mail links share one origin.</summary>
    public static string GatewayUrl => Get("GATEWAY_URL", Get("PublicBaseUrl", "http://127.0.0.1:8080"));

    /// <summary>The key the services trust; the runner keeps it in .local/secrets.env.</summary>
    public static string InternalKey => Get("Auth__InternalKey", ReadSecret("AUTH_INTERNAL_KEY") ?? "test-internal-key-that-is-long-enough-0123456789");

    private static string? ReadSecret(string name)
    {
        var file = Path.Combine(RepositoryRoot, ".local", "secrets.env");
        if (!File.Exists(file)) return null;
        return File.ReadAllLines(file).Where(l => l.StartsWith(name + "=", StringComparison.Ordinal)).Select(l => l[(name.Length + 1)..]).FirstOrDefault();
    }

    private static Contract ReadContract()
    {
        // Only the copy named: a contract found by chance (another copy's) would mix its ports with the environment's.
        var file = Environment.GetEnvironmentVariable("MUNICIPAL_CONTRACT");
        if (string.IsNullOrEmpty(file)) return new Contract(new Dictionary<string, string>(), null);
        if (!File.Exists(file)) throw new InvalidOperationException($"MUNICIPAL_CONTRACT names {file}, which does not exist: is that copy of the system running?");
        return JsonSerializer.Deserialize<Contract>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{file} holds no contract.");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Municipal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
