using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

public partial class TanApiTests
{
    [Fact]
    public async Task Codes_sent_and_codes_refused_are_counted_on_the_municipal_meter()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var issued = new MetricCollector<long>(meters, "Municipal", "municipal.tans.issued");
        using var failed = new MetricCollector<long>(meters, "Municipal", "municipal.tans.failed");
        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var code = await CodeAsync(address);

        await VerifyAsync(resident, id, code == "000000" ? "000001" : "000000");
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(resident, id, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyAsync(resident, id, code)).StatusCode);

        var sent = Assert.Single(issued.GetMeasurementSnapshot());
        Assert.Equal((1L, "email"), (sent.Value, (string)sent.Tags["channel"]!));
        Assert.Equal(["wrong_code", "used"], failed.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!));
    }
}
