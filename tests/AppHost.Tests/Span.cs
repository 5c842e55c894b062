using System.Text.Json;

namespace Municipal.AppHost.Tests;

/// <summary>One span as the dashboard's telemetry API returns it (OTLP JSON: resourceSpans → scopeSpans → spans).</summary>
public sealed record Span(string Service, string Scope, int Kind, string Name, string TraceId, int Status)
{
    public static List<Span> Read(JsonElement answer) =>
        answer.GetProperty("data").GetProperty("resourceSpans").EnumerateArray().SelectMany(resource =>
        {
            var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString()!).FirstOrDefault() ?? "";
            return resource.GetProperty("scopeSpans").EnumerateArray().SelectMany(scope =>
                scope.GetProperty("spans").EnumerateArray().Select(span => new Span(
                    service,
                    scope.GetProperty("scope").GetProperty("name").GetString()!,
                    span.GetProperty("kind").GetInt32(),
                    span.GetProperty("name").GetString()!,
                    span.GetProperty("traceId").GetString()!,
                    span.TryGetProperty("status", out var status) && status.TryGetProperty("code", out var code) ? code.GetInt32() : 0)));
        }).ToList();
}
