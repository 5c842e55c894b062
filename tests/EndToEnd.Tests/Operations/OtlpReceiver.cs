using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Municipal.EndToEnd.Tests.Operations;

/// <summary>One span as an OTLP backend receives it (its attributes: those whose value is a string).</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// A small OTLP/HTTP (protobuf) trace receiver: the processes under test export to it exactly as they would to
/// the Aspire dashboard or a collector. It decodes only what the tests read (service, scope, ids, name, kind, attributes)
/// straight from the protobuf wire format; OpenTelemetry.Proto is not served here.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    public string Endpoint => app.Urls.First();

    public IReadOnlyList<ReceivedSpan> Spans => [.. spans];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in DecodeTraces(body.ToArray())) receiver.spans.Enqueue(span);
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static IEnumerable<ReceivedSpan> DecodeTraces(byte[] request)
    {
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1) continue;
            var service = "";
            var scopes = new List<byte[]>();
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1) service = Attributes(value, 1).GetValueOrDefault("service.name", "");
                if (f == 2) scopes.Add(value);
            }
            foreach (var scopeSpans in scopes)
            {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                var scope = "";
                var spanBytes = new List<byte[]>();
                foreach (var (f, value) in Fields(scopeSpans))
                {
                    if (f == 1) scope = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? "";
                    if (f == 2) spanBytes.Add(value);
                }
                foreach (var span in spanBytes) yield return DecodeSpan(service, scope, span);
            }
        }
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        repeated KeyValue attributes = 9; }
    private static ReceivedSpan DecodeSpan(string service, string scope, byte[] span)
    {
        string trace = "", id = "", name = "";
        string? parent = null;
        var kind = 0;
        foreach (var (f, value) in Fields(span))
        {
            switch (f)
            {
                case 1: trace = Convert.ToHexStringLower(value); break;
                case 2: id = Convert.ToHexStringLower(value); break;
                case 4 when value.Length > 0: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 6: kind = (int)ReadVarint(value, 0, out _); break;
            }
        }
        return new ReceivedSpan(service, scope, trace, id, parent, name, kind, Attributes(span, 9));
    }

    // Resource { repeated KeyValue attributes = 1; } (a span's are its field 9) KeyValue { string key = 1; AnyValue value = 2; }
    // AnyValue { string string_value = 1; }
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var result = new Dictionary<string, string>();
        foreach (var (f, keyValue) in Fields(message))
        {
            if (f != field) continue;
            string? key = null, value = null;
            foreach (var (kf, kv) in Fields(keyValue))
            {
                if (kf == 1) key = Encoding.UTF8.GetString(kv);
                if (kf == 2) value = Fields(kv).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault();
            }
            if (key is not null && value is not null) result[key] = value;
        }
        return result;
    }

    /// <summary>The fields of a protobuf message; varints come back as their raw bytes, fixed-width ones likewise.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, position, out position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    var start = position;
                    ReadVarint(message, position, out position);
                    yield return (field, message[start..position]);
                    break;
                case 1:
                    yield return (field, message[position..(position + 8)]);
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, position, out position);
                    yield return (field, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    yield return (field, message[position..(position + 4)]);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type in field {field}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] buffer, int position, out int next)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        next = position;
        return value;
    }
}
