using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Municipal.Gateway.Pages;

/// <summary>
/// Serves the UI's pages with their shared parts filled in: a line <c>&lt;!-- include: name --&gt;</c> in an HTML
/// page becomes <c>wwwroot/shared/partials/name.html</c>, indented like the line, so the header every page carries
/// is written once. Everything else is served as it lies on disk; a page naming a missing part fails loudly.
/// </summary>
public sealed partial class PageIncludes(IFileProvider pages, IFileProvider partials) : IFileProvider
{
    public IFileInfo GetFileInfo(string subpath)
    {
        var file = pages.GetFileInfo(subpath);
        return file is { Exists: true, IsDirectory: false } && subpath.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? Compose(file) : file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => pages.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => pages.Watch(filter);

    private ComposedPage Compose(IFileInfo page)
    {
        var lastModified = page.LastModified;
        var html = Include().Replace(Read(page), match =>
        {
            var name = match.Groups["name"].Value;
            var partial = partials.GetFileInfo($"{name}.html");
            if (!partial.Exists) throw new FileNotFoundException($"{page.Name} includes '{name}', which wwwroot/shared/partials does not hold.");
            if (partial.LastModified > lastModified) lastModified = partial.LastModified;
            var indent = match.Groups["indent"].Value;
            return string.Join('\n', Read(partial).TrimEnd().Split('\n').Select(line => line.Length == 0 ? line : indent + line));
        });
        return new ComposedPage(page.Name, Encoding.UTF8.GetBytes(html), lastModified);
    }

    private static string Read(IFileInfo file)
    {
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)<!-- include: (?<name>[a-z0-9-]+) -->[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex Include();

    /// <summary>A page held in memory: no physical path, so the static file middleware streams these bytes.</summary>
    private sealed class ComposedPage(string name, byte[] content, DateTimeOffset lastModified) : IFileInfo
    {
        public bool Exists => true;
        public long Length => content.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => lastModified;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }
}
