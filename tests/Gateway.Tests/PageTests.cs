using System.Net;
using Microsoft.Extensions.FileProviders;
using Municipal.Gateway.Pages;
using Municipal.Testing;

namespace Municipal.Gateway.Tests;

/// <summary>The UI's pages are served with their shared header filled in, cacheable like any static file.</summary>
public sealed class PageTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    public static TheoryData<string> Pages()
    {
        var root = Path.Combine(TestEnvironment.RepositoryRoot, "gateway", "wwwroot");
        var data = new TheoryData<string>();
        foreach (var (folder, prefix) in new[] { ("citizen", "/"), ("agent", "/agent/") })
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.html").Order())
                data.Add(prefix + Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_one_header_and_a_way_past_it(string path)
    {
        var response = await gateway.Browser().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<!-- include:", html);
        Assert.Single(html.Split("<header class=\"site\">").Skip(1));
        Assert.Contains("<a class=\"skip\" href=\"#main\"", html);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Contains("id=\"lang\"", html);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(html), response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("/no-such-page.html")]
    [InlineData("/agent/no-such-page.html")]
    [InlineData("/old/link/")]
    public async Task A_browser_opening_a_page_nobody_serves_gets_the_not_found_page_with_404(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await gateway.Browser().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Contains("src=\"/not-found.js\"", html);
        Assert.DoesNotContain("<!-- include:", html);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/api/nothing-here", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("/shared/missing.js", "*/*")]
    [InlineData("/no-such-page.html", "application/json")]
    public async Task Anything_else_that_is_missing_stays_a_problem(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);

        var response = await gateway.Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"no-api\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_browser_finds_the_sites_icon_rather_than_a_404_on_every_page()
    {
        var response = await gateway.Browser().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0, 0, 1, 0], (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task A_composed_page_answers_a_conditional_request_with_304()
    {
        var client = gateway.Browser();
        var first = await client.GetAsync("/book.html");
        Assert.NotNull(first.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/book.html");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public void A_part_is_indented_like_its_line_and_newer_parts_make_the_page_newer()
    {
        using var folder = new TempFolder();
        folder.Write("pages/page.html", "<body>\n    <!-- include: head -->\n  <main></main>\n</body>\n", DateTime.UtcNow.AddDays(-2));
        folder.Write("partials/head.html", "<header>\n  <h1>x</h1>\n\n</header>\n", DateTime.UtcNow.AddDays(-1));
        var pages = new PageIncludes(new PhysicalFileProvider(folder.Path("pages")), new PhysicalFileProvider(folder.Path("partials")));

        var page = pages.GetFileInfo("page.html");
        using var reader = new StreamReader(page.CreateReadStream());

        Assert.Equal("<body>\n    <header>\n      <h1>x</h1>\n\n    </header>\n  <main></main>\n</body>\n", reader.ReadToEnd());
        Assert.Null(page.PhysicalPath);
        Assert.Equal(File.GetLastWriteTimeUtc(folder.Path("partials/head.html")), page.LastModified.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_page_naming_a_missing_part_fails_loudly_and_other_files_pass_untouched()
    {
        using var folder = new TempFolder();
        folder.Write("pages/page.html", "<!-- include: nowhere -->\n", DateTime.UtcNow);
        folder.Write("pages/app.js", "// <!-- include: nowhere -->\n", DateTime.UtcNow);
        Directory.CreateDirectory(folder.Path("partials"));
        var pages = new PageIncludes(new PhysicalFileProvider(folder.Path("pages")), new PhysicalFileProvider(folder.Path("partials")));

        var error = Assert.Throws<FileNotFoundException>(() => pages.GetFileInfo("page.html"));
        Assert.Contains("nowhere", error.Message);
        Assert.Equal(folder.Path("pages/app.js"), pages.GetFileInfo("app.js").PhysicalPath);
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("pages-").FullName;

        public string Path(string relative) => System.IO.Path.Combine(root, relative);

        public void Write(string relative, string text, DateTime modified)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path(relative))!);
            File.WriteAllText(Path(relative), text);
            File.SetLastWriteTimeUtc(Path(relative), modified);
        }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
