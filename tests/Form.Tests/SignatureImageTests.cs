using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// A signature picture is printed into the submission PDF by Chromium, which decodes it at the size its header
/// declares: a 300-byte PNG declaring 100 000 × 100 000 pixels would ask for 40 GB. Such pictures are refused.
/// </summary>
public sealed class SignatureImageTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(60_000, 10)]
    [InlineData(4000, 4000)]
    public async Task A_signature_declaring_huge_dimensions_is_refused_with_the_field_named(int width, int height)
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));

        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = Signature(Png(width, height)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("too large", errors.GetProperty("signature.image")[0].GetString());
    }

    [Fact]
    public async Task A_signature_of_a_pad_on_a_high_density_screen_is_kept()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));

        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = Signature(Png(1170, 600)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Strokes_over_their_size_limit_are_refused_as_too_large_not_as_empty()
    {
        // The probe (attack 2, item 18): 200 000 points (here 60 000, over 400 kB) were answered "the signature has no strokes".
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var points = Enumerable.Range(0, 60_000).Select(i => new[] { i, i }).ToArray();
        var signature = new { kind = "drawn", image = "data:image/png;base64," + Convert.ToBase64String(Png(10, 10)), strokes = new[] { points } };

        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("signature-strokes-too-large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("signature.strokes").GetString());
    }

    private static object Signature(byte[] png) => new
    {
        kind = "drawn",
        image = "data:image/png;base64," + Convert.ToBase64String(png),
        strokes = new[] { new[] { new { x = 10, y = 10, t = 0 }, new { x = 60, y = 30, t = 40 } } },
    };

    /// <summary>A well-formed PNG header of the given size with one small compressed row of data: a few hundred bytes.</summary>
    private static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        Chunk(png, "IHDR", ihdr);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(new byte[1 + Math.Min(width, 4096) * 4]);
            Chunk(png, "IDAT", data.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
