using MimeKit;

namespace Municipal.Testing;

/// <summary>Reads the mails the SMTP sink stored (a Maildir), as a resident's inbox would show them.</summary>
public static class Mailbox
{
    /// <summary>Waits until at least <paramref name="count"/> mails to <paramref name="address"/> arrived.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, Func<MimeMessage, bool>? where = null)
    {
        // A mail leaves through the outbox and the broker: right after a start (the replica stage's first test) that can
        // take longer than on a warm system; the wait ends as soon as the mail is there.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
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
                // The sink keeps every mail of the run (thousands by the end); each file's recipients are read once.
                if (!Recipients(file).Contains(address, StringComparer.OrdinalIgnoreCase)) continue;
                var message = TryLoad(file);
                if (message is not null) list.Add((File.GetLastWriteTimeUtc(file), message));
            }
        }
        return list.OrderBy(m => m.Item1).Select(m => m.Item2);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> RecipientsByFile = new();

    private static string[] Recipients(string file)
    {
        var name = Path.GetFileName(file);
        if (RecipientsByFile.TryGetValue(name, out var known)) return known;
        var message = TryLoad(file);
        if (message is null) return []; // still being written: read again on the next poll
        var recipients = message.To.Mailboxes.Select(m => m.Address).ToArray();
        RecipientsByFile[name] = recipients;
        return recipients;
    }

    private static MimeMessage? TryLoad(string file)
    {
        try { return MimeMessage.Load(file); }
        catch (IOException) { return null; }
        catch (FormatException) { return null; }
    }

    public static string UniqueAddress(string who = "resident") => $"{who}.{Guid.NewGuid():N}@example.org";
}
