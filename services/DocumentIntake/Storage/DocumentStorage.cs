using Microsoft.Extensions.Options;

namespace Municipal.DocumentIntake.Storage;

/// <summary>
/// Files on disk under <c>Documents:StoragePath</c>, named by document id (never by the resident's name), in
/// two-character fan-out folders. Incoming files are written to <c>incoming/</c> first and moved into place once accepted.
/// </summary>
public sealed class DocumentStorage
{
    private readonly string root;

    public DocumentStorage(IOptions<DocumentOptions> options)
    {
        root = Path.GetFullPath(options.Value.StoragePath);
        Directory.CreateDirectory(Path.Combine(root, "incoming"));
    }

    public string NewIncomingPath() => Path.Combine(root, "incoming", Guid.NewGuid().ToString("N"));

    public string PathFor(Guid documentId)
    {
        var name = documentId.ToString("N");
        return Path.Combine(root, name[..2], name);
    }

    public void Commit(string incomingPath, Guid documentId)
    {
        var target = PathFor(documentId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(incomingPath, target, overwrite: false);
        // The orphan sweep goes by this time: a file just placed is never taken for a forgotten one.
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
    }

    /// <summary>Files in the incoming folder (uploads in progress, or left behind by a crash).</summary>
    public IEnumerable<string> IncomingFiles() => Directory.EnumerateFiles(Path.Combine(root, "incoming"));

    /// <summary>Every stored file with the document id its name stands for.</summary>
    public IEnumerable<(Guid Id, string Path)> StoredFiles()
    {
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (Path.GetFileName(folder).Length != 2) continue;
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                if (Guid.TryParseExact(Path.GetFileName(path), "N", out var id)) yield return (id, path);
            }
        }
    }

    public bool Exists(Guid documentId) => File.Exists(PathFor(documentId));

    public FileStream OpenRead(Guid documentId) =>
        new(PathFor(documentId), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Delete(Guid documentId) => DeleteFile(PathFor(documentId));

    public static void DeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (DirectoryNotFoundException) { }
    }
}
