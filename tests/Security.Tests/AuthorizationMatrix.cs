using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.Security.Tests;

/// <summary>
/// Calls every mapped endpoint of a service as anonymous, as a resident holding someone else's token, as a
/// clerk of another department, and as clerk, supervisor and admin, and checks each answer against the rule
/// in rules.json. The list comes from the service's own endpoint table: an endpoint without a rule fails.
/// </summary>
public abstract partial class AuthorizationMatrix<TProgram>(ServiceFactory<TProgram> service, string name)
    where TProgram : class
{
    private static readonly JsonElement Rules = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules.json"))).RootElement;

    private WebApplicationFactory<TProgram> Factory => service;

    [Fact]
    public void Every_endpoint_has_a_rule()
    {
        var rules = RulesFor();
        var missing = Endpoints().Where(e => !rules.ContainsKey(e.Key)).Select(e => $"\"{e.Key}\": \"{Guess(e)}\"").ToList();
        Assert.True(missing.Count == 0, $"Endpoints of {name} without an authorization rule (add them to tests/Security.Tests/rules.json):\n{string.Join(",\n", missing)}");
    }

    [Fact]
    public void Every_rule_names_an_endpoint_that_exists()
    {
        var keys = Endpoints().Select(e => e.Key).ToHashSet();
        var stale = RulesFor().Keys.Where(k => !keys.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"Rules for {name} naming no endpoint: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Each_caller_gets_only_what_the_rule_allows()
    {
        var rules = RulesFor();
        var failures = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => rules.ContainsKey(e.Key)))
        {
            var access = rules[endpoint.Key];
            foreach (var (caller, client) in Callers())
            {
                HttpStatusCode status;
                string body;
                bool coded;
                try
                {
                    using var request = endpoint.Request();
                    using var response = await client.SendAsync(request);
                    status = response.StatusCode;
                    body = (await response.Content.ReadAsStringAsync()).Trim();
                    coded = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && HasReasonCode(body);
                }
                catch (Exception ex)
                {
                    failures.Add($"{endpoint.Key} as {caller}: {ex.GetType().Name} {ex.Message}");
                    continue;
                }
                // An empty answer reveals nothing: e.g. "your uploads" for a token that has none.
                var empty = body is "" or "[]" or "{}";
                if (Violation(access, caller, status, empty, coded) is { } problem)
                {
                    failures.Add($"{endpoint.Key} ({access}) as {caller}: {(int)status} {problem}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What must not happen for a caller on an endpoint with the given rule; null when the answer is allowed.</summary>
    private static string? Violation(Access access, string caller, HttpStatusCode status, bool empty, bool coded)
    {
        var code = (int)status;
        // 503 is allowed: in this test the other services a call depends on are not running.
        if (code >= 500 && status != HttpStatusCode.ServiceUnavailable) return "a server error (bad input must be a clear 4xx)";
        var success = code is >= 200 and < 300;
        var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        return (access, caller) switch
        {
            (Access.Public, _) when refused => "refused on a public endpoint",
            (Access.Resident, "anonymous" or "resident with someone else's token") when success && !empty => "a resident endpoint answered without the resident's own token",
            (not Access.Public and not Access.Resident, "anonymous" or "resident with someone else's token") when status != HttpStatusCode.Unauthorized => "staff endpoint not refused with 401",
            (Access.Supervisor, "clerk" or "clerk of another department") when status != HttpStatusCode.Forbidden => "supervisor endpoint not refused to a clerk",
            (Access.Admin, "clerk" or "clerk of another department" or "supervisor") when status != HttpStatusCode.Forbidden => "admin endpoint not refused",
            (Access.Admin, "admin") when refused => "admin refused",
            (Access.Supervisor, "supervisor" or "admin") when refused => "supervisor refused",
            (Access.Service, "clerk" or "clerk of another department" or "supervisor" or "admin") when status != HttpStatusCode.Forbidden => "service endpoint not refused to staff",
            (Access.Staff, "clerk" or "supervisor" or "admin") when status == HttpStatusCode.Unauthorized => "staff refused as unauthenticated",
            // Refused as every other refusal is: problem details whose code the pages translate, never an empty answer.
            _ when refused && !coded => "refused without problem details naming a reason code",
            _ => null,
        };
    }

    /// <summary>A problem with a <c>code</c> for the whole answer, or <c>reasons</c> per field.</summary>
    private static bool HasReasonCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    || json.RootElement.TryGetProperty("reasons", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private IEnumerable<(string Caller, HttpClient Client)> Callers()
    {
        HttpClient Client(Action<HttpClient>? setup = null)
        {
            var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            setup?.Invoke(client);
            return client;
        }
        HttpClient As(StaffIdentity staff) => Client(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Testing.Staff.Token(staff)));

        yield return ("anonymous", Client());
        yield return ("resident with someone else's token", Client(c => c.DefaultRequestHeaders.Add("X-Resident-Token", CapabilityToken.Create())));
        yield return ("clerk of another department", As(Testing.Staff.Clerk("parks-office", "park-permit")));
        yield return ("clerk", As(Testing.Staff.Clerk("residents-office", "residence-registration", "move", "dog-registration")));
        yield return ("supervisor", As(Testing.Staff.Supervisor("residents-office")));
        yield return ("admin", As(Testing.Staff.Admin()));
    }

    private Dictionary<string, Access> RulesFor() =>
        Rules.TryGetProperty(name, out var rules)
            ? rules.EnumerateObject().ToDictionary(p => p.Name, p => Enum.Parse<Access>(p.Value.GetString()!))
            : [];

    private List<Endpoint> Endpoints()
    {
        var sources = Factory.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/") || raw.StartsWith("api/")))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Endpoint(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Key)
            .ToList();
    }

    private static string Guess(Endpoint endpoint)
    {
        var metadata = endpoint.Route.Metadata;
        if (metadata.GetMetadata<IAllowAnonymous>() is not null) return endpoint.Path.Contains("mine") || endpoint.Path.Contains("current") ? "Resident" : "Public";
        var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(StaffPolicies.Admin) ? "Admin" : policies.Contains(StaffPolicies.Supervisor) ? "Supervisor" : policies.Contains(StaffPolicies.Service) ? "Service" : "Staff";
    }

    private sealed partial record Endpoint(string Method, string Path, RouteEndpoint Route)
    {
        public string Key => $"{Method} {Path}";

        public HttpRequestMessage Request()
        {
            var path = Parameter().Replace(Path, m =>
            {
                var parameter = m.Groups["name"].Value;
                var constraint = m.Groups["constraint"].Value;
                return constraint.Contains("int") || constraint.Contains("long") ? "1"
                    : constraint.Contains("guid") || parameter.EndsWith("Id", StringComparison.Ordinal) || parameter == "id" ? Guid.NewGuid().ToString()
                    : "x";
            });
            var request = new HttpRequestMessage(new HttpMethod(Method), path);
            if (Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }
            return request;
        }

        [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)(?<constraint>(:[^}]+)?)\??\}")]
        private static partial Regex Parameter();
    }
}
