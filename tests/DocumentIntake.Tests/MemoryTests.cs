using System.Net;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace Municipal.DocumentIntake.Tests;

/// <summary>Alone, after the other classes: allocation counters are per process, so parallel tests would blur them.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests(DocumentFactory factory, ITestOutputHelper output) : IClassFixture<DocumentFactory>
{
    private const long Size = 100L * 1024 * 1024;

    [Fact]
    public async Task A_100_MB_upload_is_streamed_without_growing_memory()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        // Without automatic redirects the test client streams the body instead of keeping a copy to send again.
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Resident-Token", token);
        client.Timeout = TimeSpan.FromMinutes(3);
        await client.PostAsync("/api/documents/uploads", Files.Form(("files", "warmup.pdf", Files.Pdf("warm"), null)));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var part = new StreamContent(new GeneratedPdf(Size), 81920);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent { { part, "files", "gross.pdf" } };
        var response = await client.PostAsync("/api/documents/uploads", form);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"allocated {allocated / 1048576.0:0.0} MB, heap {heapBefore / 1048576.0:0.0} → {heapAfter / 1048576.0:0.0} MB for a 100 MB upload");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = (await response.SubmittedAsync()).Documents.Single();
        Assert.Equal((Size, "clean"), (document.Length, document.Status));

        // Client and server share this process, so the figure includes the test client's own buffers as well.
        Assert.True(allocated < Size / 4, $"allocated {allocated / 1048576.0:0.0} MB while uploading 100 MB");
        Assert.True(heapAfter - heapBefore < 10 * 1024 * 1024, $"heap grew by {(heapAfter - heapBefore) / 1048576.0:0.0} MB");
    }

    /// <summary>A 100 MB PDF made up while it is read: a header, filler without any signature, and a trailer.</summary>
    private sealed class GeneratedPdf(long length) : Stream
    {
        private static readonly byte[] Head = "%PDF-1.4\n"u8.ToArray();
        private static readonly byte[] Tail = "\nstartxref\n0\n%%EOF\n"u8.ToArray();
        private long position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - position);
            for (var i = 0; i < n; i++)
            {
                var at = position + i;
                buffer[i] = at < Head.Length ? Head[at]
                    : at >= length - Tail.Length ? Tail[at - (length - Tail.Length)]
                    : (byte)('a' + at % 23);
            }
            position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
