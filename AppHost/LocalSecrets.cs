using System.Security.Cryptography;

namespace Municipal.AppHost;

/// <summary>
/// The AppHost's secret parameters, generated once per checkout and kept outside the repository in
/// <c>.local/secrets.env</c> — the same file scripts/lib/common.sh reads, so the scripted start and the AppHost use
/// the same keys (hashes and sealed links stay valid across both). A value set the usual Aspire way
/// (<c>Parameters:internal-key</c> in user secrets or the environment) wins.
/// </summary>
internal static class LocalSecrets
{
    private static readonly (string Parameter, string Variable, int Bytes)[] Secrets =
    [
        ("internal-key", "AUTH_INTERNAL_KEY", 48),
        ("turn-secret", "TURN_SECRET", 32),
        ("document-number-key", "IDENTITY_HASH_KEY", 48),
    ];

    public static void AddTo(IConfigurationManager configuration, string localDirectory)
    {
        var values = Load(localDirectory);
        configuration.AddInMemoryCollection(Secrets
            .Where(s => string.IsNullOrEmpty(configuration[$"Parameters:{s.Parameter}"]))
            .Select(s => KeyValuePair.Create($"Parameters:{s.Parameter}", (string?)values[s.Variable])));
    }

    private static Dictionary<string, string> Load(string localDirectory)
    {
        Directory.CreateDirectory(localDirectory);
        var file = Path.Combine(localDirectory, "secrets.env");
        var values = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim())
            : [];
        var missing = Secrets.Where(s => !values.ContainsKey(s.Variable)).ToList();
        if (missing.Count > 0)
        {
            foreach (var secret in missing)
            {
                // Letters and digits only, as scripts/lib/common.sh makes them.
                values[secret.Variable] = new string(Convert.ToBase64String(RandomNumberGenerator.GetBytes(secret.Bytes)).Where(char.IsLetterOrDigit).ToArray());
            }
            File.WriteAllLines(file, values.Select(v => $"{v.Key}={v.Value}"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return values;
    }
}
