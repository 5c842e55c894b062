using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.Security.Tests;

/// <summary>
/// Sends bad input to every mapped endpoint of a service and asserts that none answers with a server error: NUL and
/// other control characters, far-off dates, huge strings and wrong JSON types in every route value, query parameter
/// and body property (found from the handler's own signature and request type), and garbled, truncated and
/// wrongly encoded bodies. Each endpoint is called as the caller its rule in rules.json admits (clerk, supervisor,
/// admin, service, or a resident with the token a service's matrix provides), so the values reach the handler.
/// </summary>
public abstract partial class BadInputMatrix<TProgram>(ServiceFactory<TProgram> service, string name)
    where TProgram : class
{
    private static readonly JsonElement Rules = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules.json"))).RootElement;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private WebApplicationFactory<TProgram> Factory => service;

    /// <summary>A valid resident token for the endpoints under a path, and the route values of what it opens.</summary>
    protected sealed record ResidentAccess(string PathPrefix, string Token, IReadOnlyDictionary<string, string>? Route = null);

    /// <summary>Resident tokens that reach handlers, created through the service's own API.</summary>
    protected virtual Task<IReadOnlyList<ResidentAccess>> ResidentAccessAsync(HttpClient anonymous) =>
        Task.FromResult<IReadOnlyList<ResidentAccess>>([]);

    /// <summary>Values that make an endpoint's body valid in this service (e.g. a bookable start), by property name.</summary>
    protected Dictionary<string, JsonNode> BodyValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Plausible values by property or query name, so that a handler goes past its first lookups.</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["concernKey"] = "move", ["concern"] = "move", ["departmentKey"] = "residents-office", ["department"] = "residents-office",
        ["email"] = "matrix@example.org", ["language"] = "de", ["name"] = "Erika Muster", ["channel"] = "email",
        ["definitionId"] = "dog-registration", ["role"] = "interpreter",
    };

    /// <summary>Route values that exist in a fresh database (e.g. a concern key), so that a handler goes past its lookup.</summary>
    protected virtual string RouteValue(string parameter) => "x";

    /// <summary>
    /// docs/CONVENTIONS.md, "Handlers": a handler reads like the rule it implements, so none takes more than six
    /// parameters; the services it needs come as one <c>[AsParameters]</c> record, which counts as one.
    /// </summary>
    [Fact]
    public void No_handler_takes_more_than_six_parameters()
    {
        var heavy = Endpoints().Select(e => e.Route.Metadata.GetMetadata<MethodInfo>()).OfType<MethodInfo>().Distinct()
            .Where(handler => handler.GetParameters().Length > 6)
            .Select(handler => $"{handler.DeclaringType?.Name}.{handler.Name} takes {handler.GetParameters().Length}")
            .ToList();
        Assert.True(heavy.Count == 0, string.Join("\n", heavy));
    }

    [Fact]
    public async Task No_endpoint_answers_bad_input_with_a_server_error()
    {
        var rules = Rules.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => Enum.Parse<Access>(p.Value.GetString()!));
        var anonymous = Client();
        var residents = await ResidentAccessAsync(anonymous);
        var clients = new Dictionary<Access, HttpClient>
        {
            [Access.Staff] = Client(Testing.Staff.Token(Testing.Staff.Clerk("residents-office", "residence-registration", "move", "dog-registration", "general-enquiry"))),
            [Access.Supervisor] = Client(Testing.Staff.Token(Testing.Staff.Supervisor("residents-office"))),
            [Access.Admin] = Client(Testing.Staff.Token(Testing.Staff.Admin())),
            [Access.Service] = Client(Testing.Staff.Token(new StaffIdentity(Guid.Empty, "matrix", [StaffRoles.Service], ["residents-office"], []))),
        };

        var failures = new List<string>();
        var uncodedFailures = new List<string>();
        var sent = 0;
        // Requests whose answer to the real token differed from a stranger's token's, by the token's path: the token was
        // accepted and the bad value reached the handler behind the resident check.
        var reached = residents.ToDictionary(r => r.PathPrefix, _ => 0);
        foreach (var endpoint in Endpoints())
        {
            var access = rules.GetValueOrDefault(endpoint.Key, Access.Staff);
            var callers = new List<HttpClient>();
            var resident = residents.FirstOrDefault(r => endpoint.Path.StartsWith(r.PathPrefix, StringComparison.Ordinal));
            HttpClient? stranger = null, holder = null;
            if (clients.TryGetValue(access, out var staff)) callers.Add(staff);
            else
            {
                callers.Add(anonymous);
                callers.Add(stranger = Client(resident: CapabilityToken.Create()));
                if (resident is not null) callers.Add(holder = Client(resident: resident.Token));
            }
            foreach (var (what, request) in Requests(endpoint, resident?.Route))
            {
                HttpStatusCode? strangerStatus = null;
                foreach (var client in callers)
                {
                    sent++;
                    using var copy = await CloneAsync(request);
                    try
                    {
                        // Headers only: an event stream (a draft's live changes) answers 200 and never ends.
                        using var response = await client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead);
                        if (client == stranger) strangerStatus = response.StatusCode;
                        if (client == holder && response.StatusCode != strangerStatus && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        {
                            reached[resident!.PathPrefix]++;
                        }
                        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        {
                            var body = await response.Content.ReadAsStringAsync();
                            failures.Add($"{endpoint.Key} {what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                        }
                        else if (response.StatusCode == HttpStatusCode.BadRequest && await Uncoded(response) is { } uncoded)
                        {
                            uncodedFailures.Add($"{endpoint.Key} {what}: no reason code for {uncoded}");
                        }
                        else if ((int)response.StatusCode is >= 400 and < 500 && !await Coded(response))
                        {
                            uncodedFailures.Add($"{endpoint.Key} {what}: {(int)response.StatusCode} without a reason code");
                        }
                    }
                    catch (InvalidOperationException ex) when (ex.Message.Contains("null characters", StringComparison.Ordinal))
                    {
                        // The in-memory test host refuses a %00 in the path before the service sees it (as Kestrel does, with 400).
                    }
                    catch (Exception ex)
                    {
                        failures.Add($"{endpoint.Key} {what}: {ex.GetType().Name} {ex.Message}");
                    }
                }
                request.Dispose();
            }
        }
        Assert.True(sent > 100, $"Only {sent} requests were sent to {name}.");
        // Without this the resident endpoints could silently fall back to refusing the token before any bad value is read.
        Assert.True(reached.Values.All(n => n > 0),
            $"Bad requests to {name} that a real resident token got further with than a stranger's: {string.Join(", ", reached.Select(r => $"{r.Key} {r.Value}"))}.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad requests to {name} answered with a server error:\n{string.Join("\n", failures.Distinct().Take(80))}");
        // Issue 16 item 11: a page translates a refusal by its reason code, so every refused field must carry one.
        Assert.True(uncodedFailures.Count == 0, $"{uncodedFailures.Count} validation problems of {name} name a field without a reason code:\n{string.Join("\n", uncodedFailures.Distinct().Take(80))}");
    }

    /// <summary>
    /// Routing's own answers (an address nobody serves, a method an address does not take, a body that is not JSON)
    /// are told to an anonymous caller too, not "sign in first", which would not help; a staff endpoint still asks.
    /// </summary>
    [Fact]
    public async Task Routings_own_refusals_are_told_to_anyone_and_a_staff_endpoint_still_asks_to_sign_in()
    {
        var rules = Rules.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => Enum.Parse<Access>(p.Value.GetString()!));
        var anonymous = Client();
        var endpoints = Endpoints().Where(e => !e.Path.Contains('{')).ToList();
        var open = endpoints.Where(e => rules.GetValueOrDefault(e.Key, Access.Staff) is Access.Public or Access.Resident).ToList();
        var failures = new List<string>();
        async Task Expect(HttpRequestMessage request, HttpStatusCode status, string code)
        {
            using var response = await anonymous.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var told = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (response.StatusCode != status || told != code)
                failures.Add($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {told ?? body[..Math.Min(body.Length, 120)]}, not {(int)status} {code}");
        }

        var service = "/" + string.Join('/', endpoints[0].Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(2));
        await Expect(new HttpRequestMessage(HttpMethod.Get, $"{service}/no-such-address"), HttpStatusCode.NotFound, "no-api");
        foreach (var path in open.Select(e => e.Path).Distinct())
        {
            var taken = endpoints.Where(e => e.Path == path).Select(e => e.Method).ToHashSet();
            if (new[] { "PATCH", "DELETE", "PUT" }.FirstOrDefault(m => !taken.Contains(m)) is { } method)
                await Expect(new HttpRequestMessage(new HttpMethod(method), path), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        }
        foreach (var endpoint in open.Where(e => e.Route.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true))
        {
            await Expect(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path) { Content = new StringContent("name=x", Encoding.UTF8, "text/plain") },
                HttpStatusCode.UnsupportedMediaType, "json-only");
        }
        foreach (var endpoint in endpoints.Where(e => rules.GetValueOrDefault(e.Key, Access.Staff) is Access.Staff or Access.Supervisor or Access.Admin).Take(3))
        {
            await Expect(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path), HttpStatusCode.Unauthorized, "sign-in-required");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers of {name} to an anonymous caller:\n{string.Join("\n", failures)}");
    }

    /// <summary>Problem details with a <c>code</c> for the whole answer or <c>reasons</c> per field.</summary>
    private static async Task<bool> Coded(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return false;
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return problem.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String || problem.TryGetProperty("reasons", out _);
    }

    /// <summary>The fields of a validation problem's <c>errors</c> that have no code in its <c>reasons</c>, or null when all have one.</summary>
    private static async Task<string?> Uncoded(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object) return null;
        var reasons = problem.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var lacking = errors.EnumerateObject()
            .Where(field => reasons.ValueKind != JsonValueKind.Object || !reasons.TryGetProperty(field.Name, out var code)
                || code.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(code.GetString()))
            .Select(field => $"{field.Name} ({field.Value})")
            .ToList();
        return lacking.Count == 0 ? null : string.Join(", ", lacking);
    }

    private HttpClient Client(string? bearer = null, string? resident = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (resident is not null) client.DefaultRequestHeaders.Add("X-Resident-Token", resident);
        return client;
    }

    /// <summary>Bad values for one place, by the type the handler expects there.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> BadValues(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        yield return ("NUL", "a\u0000b");
        yield return ("control characters", "a\r\nb\u001b[31m\u007f\u0085");
        yield return ("lone surrogate", "a\ud800b");
        yield return ("huge string", new string('x', 200_000));
        yield return ("year 9999", type == typeof(DateOnly) ? "9999-12-31" : "9999-12-31T23:59:59Z");
        yield return ("year 1", type == typeof(DateOnly) ? "0001-01-01" : "0001-01-01T00:00:00Z");
        yield return ("number 9999", 9999);
        yield return ("number -1", -1);
        yield return ("huge number", JsonNode.Parse("1e400"));
        yield return ("max long", long.MaxValue);
        yield return ("wrong type object", new JsonObject { ["a"] = "\u0000" });
        yield return ("wrong type array", new JsonArray("\u0000", 1));
        yield return ("null", null);
        yield return ("true", true);
    }

    /// <summary>Bad values for a query or route string.</summary>
    private static readonly string[] BadStrings =
        ["a\u0000b", "a\r\nb", "\u001b\u007f", "0001-01-01", "9999-12-31", "9999-12-31T23:59:59Z", "1", "9999", "0", "-1",
         "99999999999999999999", "abc", new string('x', 5000), "%", "..%2F..%2Fetc", "\ud800"];

    private IEnumerable<(string What, HttpRequestMessage Request)> Requests(Endpoint endpoint, IReadOnlyDictionary<string, string>? known)
    {
        var routeNames = RouteParameter().Matches(endpoint.Path).Select(m => m.Groups["name"].Value).ToList();
        string Path(string? bad = null, string? badValue = null) => RouteParameter().Replace(endpoint.Path, m =>
        {
            var parameter = m.Groups["name"].Value;
            var constraint = m.Groups["constraint"].Value;
            if (parameter == bad) return Uri.EscapeDataString(badValue!);
            if (known?.TryGetValue(parameter, out var value) == true) return value;
            return constraint.Contains("int") || constraint.Contains("long") ? "1"
                : constraint.Contains("guid") || parameter.EndsWith("Id", StringComparison.Ordinal) || parameter == "id" ? Guid.NewGuid().ToString()
                : RouteValue(parameter);
        });

        var handler = endpoint.Route.Metadata.GetMetadata<MethodInfo>();
        var query = handler is null ? [] : QueryParameters(handler, routeNames).ToList();
        var bodyType = endpoint.Route.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var baseline = bodyType is null ? null : Sample(bodyType, 0);
        if (baseline is JsonObject top)
        {
            foreach (var (property, value) in BodyValues.Where(v => top.ContainsKey(JsonNamingPolicy.CamelCase.ConvertName(v.Key))))
            {
                top[JsonNamingPolicy.CamelCase.ConvertName(property)] = value.DeepClone();
            }
        }
        var baseQuery = string.Join("&", query.Select(q => $"{q.Name}={Uri.EscapeDataString(Known.GetValueOrDefault(q.Name) ?? SampleText(q.Type))}"));

        HttpRequestMessage Build(string path, string? queryString, HttpContent? content)
        {
            var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path + (string.IsNullOrEmpty(queryString) ? "" : "?" + queryString));
            request.Content = content ?? (endpoint.Method is "POST" or "PUT" or "PATCH"
                ? new StringContent(baseline?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json")
                : null);
            return request;
        }

        yield return ("as it is", Build(Path(), baseQuery, null));
        foreach (var route in routeNames)
        {
            foreach (var bad in BadStrings) yield return ($"route {route}={Show(bad)}", Build(Path(route, bad), baseQuery, null));
        }
        foreach (var (queryName, _) in query)
        {
            foreach (var bad in BadStrings)
            {
                var others = query.Where(q => q.Name != queryName).Select(q => $"{q.Name}={Uri.EscapeDataString(Known.GetValueOrDefault(q.Name) ?? SampleText(q.Type))}");
                yield return ($"query {queryName}={Show(bad)}", Build(Path(), string.Join("&", others.Append($"{queryName}={Uri.EscapeDataString(bad)}")), null));
            }
        }
        if (query.Count > 1)
        {
            // The same value everywhere at once: from=0001-01-01&to=0001-01-02 passes "to before from" and "at most n days".
            foreach (var bad in BadStrings)
            {
                yield return ($"all query values {Show(bad)}", Build(Path(), string.Join("&", query.Select(q => $"{q.Name}={Uri.EscapeDataString(bad)}")), null));
            }
            foreach (var (first, second) in new[] { ("0001-01-01", "0001-01-02"), ("9999-12-30", "9999-12-31") })
            {
                yield return ($"query dates {first}…{second}", Build(Path(), string.Join("&", query.Select((q, i) => $"{q.Name}={(i == 0 ? first : second)}")), null));
            }
        }
        yield return ("query with a NUL name", Build(Path(), baseQuery + "&a%00b=1", null));

        if (endpoint.Method is not ("POST" or "PUT" or "PATCH" or "DELETE")) yield break;
        if (baseline is not null && bodyType is not null)
        {
            foreach (var (path, type) in Properties(bodyType, "", 0))
            {
                foreach (var (what, value) in BadValues(type))
                {
                    var body = baseline.DeepClone();
                    Set(body, path, value?.DeepClone());
                    yield return ($"body {path} {what}", Build(Path(), baseQuery, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")));
                }
            }
        }
        foreach (var (what, content) in Bodies())
        {
            yield return ($"body {what}", Build(Path(), baseQuery, content));
        }
    }

    private static IEnumerable<(string What, HttpContent Content)> Bodies()
    {
        HttpContent JsonText(string text) => new StringContent(text, Encoding.UTF8, "application/json");
        yield return ("truncated JSON", JsonText("{\"name\": \"a"));
        yield return ("garbled JSON", JsonText("{\"a\":,,}"));
        yield return ("JSON null", JsonText("null"));
        yield return ("JSON array", JsonText("[1,2]"));
        yield return ("JSON string with NUL", JsonText("\"\\u0000\""));
        yield return ("deeply nested JSON", JsonText(new string('[', 5000) + new string(']', 5000)));
        yield return ("empty JSON body", JsonText(""));
        var invalidUtf8 = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xff, 0xfe, 0xc3, (byte)'"', (byte)'}']);
        invalidUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        yield return ("invalid UTF-8", invalidUtf8);
        yield return ("text/plain", new StringContent("a\u0000b", Encoding.UTF8, "text/plain"));

        const string boundary = "matrix-boundary";
        HttpContent Multipart(string text)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
            return content;
        }
        yield return ("truncated multipart", Multipart($"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj"));
        yield return ("multipart cut in the headers", Multipart($"--{boundary}\r\nContent-Disposition: form-da"));
        yield return ("multipart fields with NUL", Multipart(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\na\u0000b\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na\r\nb@example.org\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\u0000.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--{boundary}--\r\n"));
        var noBoundary = new StringContent("x");
        noBoundary.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");
        yield return ("multipart without boundary", noBoundary);
    }

    /// <summary>The handler's parameters that come from the query string: simple types not in the route, headers or services.</summary>
    private static IEnumerable<(string Name, Type Type)> QueryParameters(MethodInfo handler, List<string> routeNames)
    {
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (IsSimple(property.PropertyType) && !routeNames.Contains(property.Name, StringComparer.OrdinalIgnoreCase)
                        && property.GetCustomAttribute<FromHeaderAttribute>() is null)
                    {
                        yield return (property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name), property.PropertyType);
                    }
                }
                continue;
            }
            if (!IsSimple(parameter.ParameterType) || parameter.Name is null) continue;
            if (parameter.GetCustomAttribute<FromHeaderAttribute>() is not null || parameter.GetCustomAttribute<FromServicesAttribute>() is not null
                || parameter.GetCustomAttribute<FromRouteAttribute>() is not null || parameter.GetCustomAttribute<FromBodyAttribute>() is not null) continue;
            if (routeNames.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase)) continue;
            yield return (parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name, parameter.ParameterType);
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) return IsSimple(type.GetElementType()!);
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || type == typeof(TimeSpan);
    }

    private static string SampleText(Type type) => Sample(type, 0) is JsonValue value ? value.ToString() : "x";

    /// <summary>A plausible JSON value of the type, so that the one bad property is what the handler sees.</summary>
    private static JsonNode? Sample(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var tomorrow = DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(9);
        if (type == typeof(string)) return "x";
        if (type == typeof(bool)) return true;
        if (type.IsEnum) return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, Json);
        if (type.IsPrimitive || type == typeof(decimal)) return 1;
        if (type == typeof(Guid)) return Guid.NewGuid().ToString();
        if (type == typeof(DateOnly)) return DateOnly.FromDateTime(tomorrow.Date).ToString("yyyy-MM-dd");
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return tomorrow.ToString("O");
        if (type == typeof(TimeOnly)) return "09:00";
        if (type == typeof(TimeSpan)) return "00:30:00";
        if (type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(object)) return new JsonObject();
        if (depth > 3) return null;
        if (DictionaryValue(type) is { } valueType) return new JsonObject { ["field"] = Sample(valueType, depth + 1) };
        if (ElementType(type) is { } elementType) return new JsonArray(Sample(elementType, depth + 1));
        var result = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            result[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] =
                Known.TryGetValue(property.Name, out var known) && (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) == typeof(string)
                    ? known
                    : Sample(property.PropertyType, depth + 1);
        }
        return result;
    }

    /// <summary>Every place in a body a bad value can go: properties (nested), dictionary keys and values, list elements.</summary>
    private static IEnumerable<(string Path, Type Type)> Properties(Type type, string prefix, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 3 || IsSimple(type) || type == typeof(JsonElement) || type == typeof(object)) yield break;
        if (DictionaryValue(type) is { } valueType)
        {
            yield return (prefix + ".field", valueType);
            yield return (prefix + ".\u0000", valueType);
            foreach (var inner in Properties(valueType, prefix + ".field", depth + 1)) yield return inner;
            yield break;
        }
        if (ElementType(type) is { } elementType)
        {
            yield return (prefix + "[0]", elementType);
            foreach (var inner in Properties(elementType, prefix + "[0]", depth + 1)) yield return inner;
            yield break;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var path = (prefix.Length == 0 ? "" : prefix + ".") + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            yield return (path, property.PropertyType);
            foreach (var inner in Properties(property.PropertyType, path, depth + 1)) yield return inner;
        }
    }

    private static Type? DictionaryValue(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type == typeof(string) ? null
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>Puts a value at a path such as <c>address.zip</c>, <c>values.field</c> or <c>items[0].day</c>; a missing step is created.</summary>
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var steps = PathStep().Matches(path).Select(m => m.Value).ToList();
        JsonNode current = root;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var last = i == steps.Count - 1;
            if (step.StartsWith('['))
            {
                var array = current as JsonArray;
                if (array is null) return;
                if (array.Count == 0) array.Add(null);
                if (last) { array[0] = value; return; }
                array[0] ??= new JsonObject();
                current = array[0]!;
            }
            else
            {
                var key = step.TrimStart('.');
                if (current is not JsonObject obj) return;
                if (last) { obj[key] = value; return; }
                if (obj[key] is null) obj[key] = steps[i + 1].StartsWith('[') ? new JsonArray() : new JsonObject();
                current = obj[key]!;
            }
        }
    }

    private static string Show(string value)
    {
        var shown = value.Length > 20 ? $"{value[..10]}…({value.Length})" : value;
        return Regex.Replace(shown, @"[\u0000-\u001f\u007f\ud800-\udfff]", m => $"\\u{(int)m.Value[0]:x4}");
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync();
            copy.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers) copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return copy;
    }

    private List<Endpoint> Endpoints() =>
        Factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/") || raw.StartsWith("api/")))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Endpoint(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Key)
            .ToList();

    private sealed record Endpoint(string Method, string Path, RouteEndpoint Route)
    {
        public string Key => $"{Method} {Path}";
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)(?<constraint>(:[^}]+)?)\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"(\.?[^.\[]+|\[0\])")]
    private static partial Regex PathStep();
}
