using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Scanning;
using Municipal.DocumentIntake.Telemetry;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// A file is scanned while it arrives (issue 18: an upload close to clamd's own speed): the real clamd gets it in the
/// pieces the request delivers, whatever their size, and its verdict is the same as for the whole file at once.
/// </summary>
public class ScanWhileReceivingTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    public static TheoryData<int> PieceSizes => [1, 7, 65_536, 65_537, 262_144, 262_145, 700_000];

    [Theory]
    [MemberData(nameof(PieceSizes))]
    public async Task Clamd_recognises_a_file_fed_in_pieces_of_any_size(int pieceSize)
    {
        var scanner = factory.Services.GetRequiredService<ClamAvScanner>();
        Assert.Equal(ScanOutcome.Infected, (await FeedAsync(scanner, Files.Eicar, pieceSize)).Outcome);

        var clean = new byte[800_000];
        Random.Shared.NextBytes(clean);
        Assert.Equal(ScanOutcome.Clean, (await FeedAsync(scanner, clean, pieceSize)).Outcome);
    }

    [Fact]
    public async Task More_than_the_scan_limit_is_not_sent_and_counts_as_a_detection()
    {
        var options = Options.Create(new DocumentOptions { ScanMaxBytes = 100_000 });
        var scanner = new ClamAvScanner(factory.Services.GetRequiredService<IConfiguration>(), options,
            factory.Services.GetRequiredService<DocumentMetrics>(), NullLogger<ClamAvScanner>.Instance)
        {
            Endpoint = factory.Services.GetRequiredService<ClamAvScanner>().Endpoint,
        };
        var result = await FeedAsync(scanner, new byte[100_001], 30_000);
        Assert.Equal((ScanOutcome.Infected, ClamAvScanner.LimitExceeded), (result.Outcome, result.Signature));
        Assert.Equal(ScanOutcome.Clean, (await FeedAsync(scanner, new byte[100_000], 30_000)).Outcome);
    }

    [Fact]
    public async Task Without_clamd_no_scan_is_started_and_the_stored_file_is_scanned_later()
    {
        var scanner = new ClamAvScanner(factory.Services.GetRequiredService<IConfiguration>(), factory.Services.GetRequiredService<IOptions<DocumentOptions>>(),
            factory.Services.GetRequiredService<DocumentMetrics>(), NullLogger<ClamAvScanner>.Instance)
        {
            Endpoint = new Uri("tcp://127.0.0.1:9"),
        };
        Assert.Null(await scanner.StartAsync(CancellationToken.None));
    }

    /// <summary>
    /// A clamd that takes the connection but stops reading must not hold an upload that is given up: the gathered send
    /// takes no token, so cancelling closes the connection, and the upload ends as cancelled, not as a broken scan.
    /// </summary>
    [Fact]
    public async Task A_piece_clamd_does_not_take_is_given_up_with_the_upload()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var scanner = new ClamAvScanner(factory.Services.GetRequiredService<IConfiguration>(), factory.Services.GetRequiredService<IOptions<DocumentOptions>>(),
                factory.Services.GetRequiredService<DocumentMetrics>(), NullLogger<ClamAvScanner>.Instance)
            {
                Endpoint = new Uri($"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"),
            };
            await using var session = await scanner.StartAsync(CancellationToken.None);
            Assert.NotNull(session);
            using var accepted = await silent.AcceptTcpClientAsync();
            using var upload = new CancellationTokenSource();
            byte[][] buffers = [new byte[256 * 1024], new byte[256 * 1024]];
            var feeding = Task.Run(async () =>
            {
                for (var i = 0; i < 400; i++) await session.WriteAsync(buffers[i % 2], upload.Token);
            });
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(feeding.IsCompleted, "the kernel's buffers hold 100 MB nobody reads");

            upload.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feeding.WaitAsync(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            silent.Stop();
        }
    }

    /// <summary>Feeds the bytes through one scan session in pieces of one size, reusing two buffers as the upload reader does.</summary>
    private static async Task<ScanResult> FeedAsync(ClamAvScanner scanner, byte[] content, int pieceSize)
    {
        await using var session = await scanner.StartAsync(CancellationToken.None);
        Assert.NotNull(session);
        byte[][] buffers = [new byte[pieceSize], new byte[pieceSize]];
        for (int offset = 0, turn = 0; offset < content.Length; offset += pieceSize, turn++)
        {
            var length = Math.Min(pieceSize, content.Length - offset);
            var buffer = buffers[turn % 2];
            content.AsSpan(offset, length).CopyTo(buffer);
            await session.WriteAsync(buffer.AsMemory(0, length), CancellationToken.None);
        }
        return await session.CompleteAsync(CancellationToken.None);
    }
}
