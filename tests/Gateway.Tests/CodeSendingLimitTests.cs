using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Probe "attack 2", items 10 and 18: a form's signing TAN (an SMS or a mail at the city's cost, to any number) had the
/// ordinary budget of 600 a minute per address; it has the strict one now, as identity's TANs and booking's links sent
/// again. The 429 names its type as every other problem does.
/// </summary>
public sealed class CodeSendingLimitTests(StrictGatewayFactory gateway) : IClassFixture<StrictGatewayFactory>
{
    [Fact]
    public async Task Asking_a_draft_for_signing_codes_has_the_strict_budget_and_editing_it_does_not()
    {
        var client = gateway.Browser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/forms/drafts/{Guid.NewGuid()}/tan") { Content = JsonContent.Create(new { channel = "sms", recipient = "+19005550100" }) };
            request.Headers.Add("X-Resident-Token", $"draft-token-{i}");
            last = await client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var problem = await last!.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        // Co-filling a draft's fields is not a code sent.
        using var edit = new HttpRequestMessage(HttpMethod.Patch, $"/api/forms/drafts/{Guid.NewGuid()}/fields/applicant.firstName") { Content = JsonContent.Create(new { value = "Anna" }) };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(edit)).StatusCode);
    }
}
