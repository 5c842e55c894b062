using MimeKit;

namespace Municipal.Testing;

/// <summary>Reads the mails the SMTP sink stored (a Maildir), as a resident's inbox would show them.</summary>
public static class Mailbox
{
    /// <summary>Waits until at least <paramref name="count"/> mails to <paramref name="address"/> arrived.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, Func<MimeMessage, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = For(address).Where(where ?? (_ => true)).ToList();
            if (mails.Count >= count) return mails;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Expected {count} mail(s) to {address}, found {mails.Count}.");
            await Task.Delay(200);
        }
    }

    public static IEnumerable<MimeMessage> For(string address)
    {
        var list = new List<(DateTime, MimeMessage)>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var dir = Path.Combine(TestEnvironment.Maildir, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                MimeMessage message;
                try { message = MimeMessage.Load(file); }
                catch (IOException) { continue; }
                catch (FormatException) { continue; }
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                    list.Add((File.GetLastWriteTimeUtc(file), message));
            }
        }
        return list.OrderBy(m => m.Item1).Select(m => m.Item2);
    }

    public static string UniqueAddress(string who = "resident") => $"{who}.{Guid.NewGuid():N}@example.org";
}
