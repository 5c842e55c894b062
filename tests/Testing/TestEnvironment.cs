namespace Municipal.Testing;

/// <summary>
/// Where the tests find the infrastructure: the same variables the runner exports (scripts/test sets them),
/// with the local runner's defaults so a plain <c>dotnet test</c> works after <c>scripts/run</c>.
/// </summary>
public static class TestEnvironment
{
    public static readonly string RepositoryRoot = FindRoot();

    public static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    public static string Postgres(string database) =>
        Get($"ConnectionStrings__{database}", $"Host=127.0.0.1;Port=5432;Database={database};Username=municipal;Password=municipal;SSL Mode=Disable");

    public static string PostgresAdmin => Postgres("postgres");

    public static string RabbitMq => Get("ConnectionStrings__rabbitmq", "amqp://guest:guest@127.0.0.1:5672");

    public static string RabbitMqManagement => Get("RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:15672");

    public static string Redis => Get("ConnectionStrings__redis", "127.0.0.1:6379");

    public static string Smtp => Get("ConnectionStrings__smtp", "smtp://127.0.0.1:2525");

    public static string ClamAv => Get("ConnectionStrings__clamav", "tcp://127.0.0.1:3310");

    public static string Maildir => Get("Mail__Maildir", Get("MUNICIPAL_MAILDIR", "/var/tmp/municipal-mail"));

    public static string GatewayUrl => Get("GATEWAY_URL", "http://127.0.0.1:8080");

    /// <summary>The key the services trust; the runner keeps it in .local/secrets.env.</summary>
    public static string InternalKey => Get("Auth__InternalKey", ReadSecret("AUTH_INTERNAL_KEY") ?? "test-internal-key-that-is-long-enough-0123456789");

    private static string? ReadSecret(string name)
    {
        var file = Path.Combine(RepositoryRoot, ".local", "secrets.env");
        if (!File.Exists(file)) return null;
        return File.ReadAllLines(file).Where(l => l.StartsWith(name + "=", StringComparison.Ordinal)).Select(l => l[(name.Length + 1)..]).FirstOrDefault();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Municipal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
