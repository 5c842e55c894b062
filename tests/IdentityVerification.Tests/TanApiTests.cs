using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.IdentityVerification.Data;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

public partial class TanApiTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static readonly string Contract = Sha256("Anmeldung Wohnsitz — Erika Mustermann — 2026-11-23");

    /// <summary>
    /// A resident in a running consultation (a link identity learnt from booking's event) and the e-mail address of
    /// their booking, the only address their codes go to.
    /// </summary>
    private async Task<(HttpClient Client, string Address)> ResidentAsync(string status = "waiting")
    {
        var address = Mailbox.UniqueAddress();
        var (_, token) = await factory.AddRoomAsync("residents-office", "move", "Erika Mustermann", address, status: status);
        return (factory.CreateResidentClient(token), address);
    }

    private static async Task<Guid> IssueAsync(HttpClient client, string recipient, string channel = "email", string? content = null, string language = "de")
    {
        var response = await client.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = content ?? Contract, purpose = "Anmeldung", recipient, channel, language });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
    }

    private static async Task<string> CodeAsync(string address, int count = 1)
    {
        var mails = await Mailbox.WaitForAsync(address, count);
        return Code().Match(mails[count - 1].TextBody ?? "").Value;
    }

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, Guid id, string code, string? content = null) =>
        client.PostAsJsonAsync($"/api/identity/tans/{id}/verify", new { code, contentSha256 = content ?? Contract });

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_resident_gets_a_six_digit_code_by_mail_and_forms_verifies_it_once()
    {
        var (resident, address) = await ResidentAsync();
        var response = await resident.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, purpose = "Anmeldung", recipient = address, channel = "email", language = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("r***@example.org", issued.GetProperty("maskedRecipient").GetString());
        var expiresAt = issued.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(factory.Time.GetUtcNow() + TimeSpan.FromMinutes(5), expiresAt);

        var mail = (await Mailbox.WaitForAsync(address)).Single();
        Assert.Equal("Your signing code", mail.Subject);
        Assert.Equal("Digital counter", mail.From.Mailboxes.Single().Name);
        var code = Code().Match(mail.TextBody ?? "").Value;
        Assert.Matches("^[0-9]{6}$", code);

        var forms = factory.CreateStaffClient(new Municipal.ServiceDefaults.Auth.StaffIdentity(Guid.Empty, "forms", ["service"], [], []));
        var verified = await VerifyAsync(forms, issued.GetProperty("tanId").GetGuid(), code);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True((await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verified").GetBoolean());

        var reuse = await VerifyAsync(forms, issued.GetProperty("tanId").GetGuid(), code);
        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        Assert.Equal("used", (await ProblemAsync(reuse)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_code_is_stored_only_as_a_keyed_hash()
    {
        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var code = await CodeAsync(address);
        using var scope = factory.Services.CreateScope();
        var tan = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Tans.AsNoTracking().SingleAsync(t => t.Id == id);
        Assert.Matches("^[0-9a-f]{64}$", tan.CodeHash);
        Assert.DoesNotContain(code, tan.CodeHash);
        Assert.NotEqual(Sha256(code), tan.CodeHash);
        Assert.DoesNotContain(address, tan.RecipientHash);
    }

    [Fact]
    public async Task An_sms_goes_to_the_dev_mailbox_through_the_provider()
    {
        var staff = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var phone = "+4179" + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999);
        var id = await IssueAsync(staff, phone[..3] + " " + phone[3..5] + " " + phone[5..], "sms");
        var mail = (await Mailbox.WaitForAsync($"{phone}@sms.dev.invalid")).Single();
        Assert.Contains("Ihr Signatur-Code", mail.TextBody ?? "");
        // A code staff asked for outside a consultation is theirs to check: a colleague learns nothing of it.
        Assert.Equal(HttpStatusCode.NotFound, (await VerifyAsync(factory.CreateStaffClient(Staff.Clerk("residents-office")), id, "000000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(staff, id, Code().Match(mail.TextBody ?? "").Value)).StatusCode);
    }

    [Fact]
    public async Task A_code_for_one_document_does_not_sign_another()
    {
        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var code = await CodeAsync(address);

        var other = await VerifyAsync(resident, id, code, Sha256("a different document"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        var problem = await ProblemAsync(other);
        Assert.Equal("contentMismatch", problem.GetProperty("reason").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("contentSha256", out _));

        // The resident who asked for the code may confirm it too (the signing page does); forms then sees it used.
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(resident, id, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await resident.GetAsync($"/api/identity/tans/{id}")).StatusCode);
        var forms = factory.CreateStaffClient(new Municipal.ServiceDefaults.Auth.StaffIdentity(Guid.Empty, "forms", ["service"], [], []));
        var status = await forms.GetFromJsonAsync<JsonElement>($"/api/identity/tans/{id}");
        Assert.True(status.GetProperty("used").GetBoolean());
        Assert.Equal(Contract, status.GetProperty("contentSha256").GetString());
    }

    [Fact]
    public async Task A_code_expires_after_five_minutes()
    {
        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var code = await CodeAsync(address);
        factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var response = await VerifyAsync(resident, id, code);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("expired", (await ProblemAsync(response)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Three_wrong_codes_lock_it_even_for_the_right_code()
    {
        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var code = await CodeAsync(address);
        var wrong = code == "000000" ? "000001" : "000000";

        var first = await ProblemAsync(await VerifyAsync(resident, id, wrong));
        Assert.Equal(2, first.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal(1, (await ProblemAsync(await VerifyAsync(resident, id, wrong))).GetProperty("attemptsLeft").GetInt32());
        var third = await VerifyAsync(resident, id, wrong);
        Assert.Equal((HttpStatusCode)423, third.StatusCode);
        Assert.Equal(0, (await ProblemAsync(third)).GetProperty("attemptsLeft").GetInt32());

        var right = await VerifyAsync(resident, id, code);
        Assert.Equal((HttpStatusCode)423, right.StatusCode);
        Assert.Equal("locked", (await ProblemAsync(right)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Requests_are_rate_limited_per_recipient()
    {
        var (resident, address) = await ResidentAsync();
        for (var i = 0; i < 3; i++) await IssueAsync(resident, address);
        var fourth = await resident.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, purpose = "Anmeldung", recipient = address, channel = "email" });
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Requests_are_rate_limited_per_requester()
    {
        // A resident's codes all go to one address, so for them the per-recipient limit comes first; staff may name
        // any address and meet the per-requester limit.
        var staff = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        for (var i = 0; i < 5; i++) await IssueAsync(staff, Mailbox.UniqueAddress());
        var sixth = await staff.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, purpose = "Anmeldung", recipient = Mailbox.UniqueAddress(), channel = "email" });
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
    }

    [Fact]
    public async Task Only_residents_of_a_consultation_or_staff_get_codes()
    {
        var stranger = factory.CreateResidentClient(CapabilityToken.Create());
        var response = await stranger.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, purpose = "x", recipient = Mailbox.UniqueAddress(), channel = "email" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var other = factory.CreateResidentClient(CapabilityToken.Create());
        Assert.Equal(HttpStatusCode.NotFound, (await VerifyAsync(other, id, "123456")).StatusCode);
    }

    [Fact]
    public async Task Invalid_requests_name_each_field()
    {
        var staff = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var response = await staff.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = "abc", purpose = "", recipient = "0791234567", channel = "sms", language = "es" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.Equal(["contentSha256", "language", "purpose", "recipient"], errors.EnumerateObject().Select(p => p.Name).Order());

        // The code's mail is the city's: its purpose carries no web address (nobody sends residents to a page asking for it).
        foreach (var purpose in new[] { "Anmeldung https://stadt-winterthur.example/tan", "Bitte auf www.example.org bestätigen", "<a href=x>Anmeldung</a>",
            "Ihr Konto: Code sofort auf stadt-schalter.com/tan eingeben", "Code an stadt-winterthur.ch senden", "Antwort an info@stadt.example" })
        {
            var linked = await staff.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, purpose, recipient = Mailbox.UniqueAddress(), channel = "email" });
            Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
            Assert.Equal("purpose-link", (await ProblemAsync(linked)).GetProperty("reasons").GetProperty("purpose").GetString());
        }

        // A resident names neither purpose nor recipient (they are ignored), and their code goes by e-mail only.
        var (resident, _) = await ResidentAsync();
        var own = await resident.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = "abc", purpose = "", recipient = "0791234567", channel = "sms", language = "es" });
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal(["channel", "contentSha256", "language"], (await ProblemAsync(own)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_residents_code_goes_only_to_the_booking_address_with_the_purpose_the_server_words()
    {
        // The probe: a room token sent the city's mail to any address with its own "purpose" text.
        var (resident, booked) = await ResidentAsync();
        var victim = Mailbox.UniqueAddress("victim");
        var response = await resident.PostAsJsonAsync("/api/identity/tans", new
        {
            contentSha256 = Contract, purpose = "confirm your bank login at https://evil.example now", recipient = victim, channel = "email", language = "en",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = (await Mailbox.WaitForAsync(booked)).Single();
        Assert.DoesNotContain("evil.example", mail.TextBody ?? "");
        Assert.Contains("a document in your consultation", mail.TextBody ?? "");
        Assert.Empty(Mailbox.For(victim));

        // A room with no address on file gets no code, and says so on the field.
        var (_, noMail) = await factory.AddRoomAsync(email: null);
        var none = await factory.CreateResidentClient(noMail).PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, recipient = victim });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await ProblemAsync(none)).GetProperty("errors").TryGetProperty("recipient", out _));
    }

    [Theory]
    [InlineData("ended")]
    [InlineData("cancelled")]
    public async Task An_ended_or_cancelled_consultations_token_gets_no_code(string status)
    {
        var (resident, address) = await ResidentAsync(status);
        var response = await resident.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = Contract, channel = "email" });
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("consultationClosed", (await ProblemAsync(response)).GetProperty("reason").GetString());
        Assert.Empty(Mailbox.For(address));
    }

    [Fact]
    public async Task Only_staff_of_the_rooms_department_read_a_residents_code_or_spend_its_attempts()
    {
        var (resident, address) = await ResidentAsync();
        var id = await IssueAsync(resident, address);
        var code = await CodeAsync(address);
        var wrong = code == "000000" ? "000001" : "000000";

        var tax = factory.CreateStaffClient(Staff.Clerk("tax-office"));
        Assert.Equal(HttpStatusCode.NotFound, (await tax.GetAsync($"/api/identity/tans/{id}")).StatusCode);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, (await VerifyAsync(tax, id, wrong)).StatusCode);
        var taxLead = factory.CreateStaffClient(Staff.Supervisor("tax-office"));
        Assert.Equal(HttpStatusCode.NotFound, (await taxLead.GetAsync($"/api/identity/tans/{id}")).StatusCode);

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var status = await clerk.GetFromJsonAsync<JsonElement>($"/api/identity/tans/{id}");
        Assert.False(status.GetProperty("locked").GetBoolean());
        // The other department's tries cost nothing: the resident's right code still signs.
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(resident, id, code)).StatusCode);
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();
}
