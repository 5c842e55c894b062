using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Sessions;
using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Retention;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

public class VerificationApiTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    private async Task<(HttpClient Client, JsonElement Verification)> StartAsync(string concern = "move", string name = "Erika Mustermann")
    {
        var clerk = Staff.Clerk("residents-office", concern);
        var client = factory.CreateStaffClient(clerk);
        var room = factory.HeldRoom(clerk, "residents-office", concern, name);
        var response = await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (client, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string[] Keys(JsonElement verification, string list) =>
        verification.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("key").GetString()!).ToArray();

    [Fact]
    public async Task A_new_verification_draws_three_features_from_different_categories_in_the_staff_languages()
    {
        var (_, v) = await StartAsync();
        var features = v.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(3, features.Count);
        Assert.Equal(3, features.Select(f => f.GetProperty("category").GetString()).Distinct().Count());
        // A clerk of Lugano read the features and the questions in German (staff walk, 2026-12-06): each is in the
        // four staff languages, for the page to pick the clerk's and show the resident's beside it.
        var texts = features.Select(f => f.GetProperty("label"))
            .Concat(v.GetProperty("questions").EnumerateArray().Concat(v.GetProperty("otherQuestions").EnumerateArray()).Select(q => q.GetProperty("text")))
            .ToList();
        Assert.Equal(3 + Checklist.Questions.All.Count, texts.Count);
        Assert.All(texts, text =>
        {
            var german = text.GetProperty("de").GetString();
            foreach (var language in new[] { "en", "fr", "it" })
            {
                var own = text.GetProperty(language).GetString();
                Assert.False(string.IsNullOrWhiteSpace(own), $"{german}: no {language}");
                Assert.NotEqual(german, own);
            }
        });
        // A question is asked aloud, to a resident who may read the room in Leichte Sprache: each has its own text.
        Assert.All(v.GetProperty("questions").EnumerateArray().Concat(v.GetProperty("otherQuestions").EnumerateArray()), q =>
        {
            var text = q.GetProperty("text");
            var easy = text.GetProperty("de-x-ls").GetString();
            Assert.False(string.IsNullOrWhiteSpace(easy), $"{q.GetProperty("key")}: no Leichte Sprache");
            Assert.NotEqual(text.GetProperty("de").GetString(), easy);
        });
        Assert.Equal(3, v.GetProperty("questions").GetArrayLength());
        Assert.Equal("Erika Mustermann", v.GetProperty("citizenName").GetString());
        Assert.Equal("residents-office", v.GetProperty("departmentKey").GetString());
        Assert.Equal("open", v.GetProperty("status").GetString());
        Assert.Contains(factory.Sessions.ForwardedAuthorizations, a => a.StartsWith("Bearer ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clerk_verifies_and_the_record_keeps_only_the_minimum()
    {
        var (client, v) = await StartAsync();
        var id = v.GetProperty("id").GetGuid();

        var check = await client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("document").GetProperty("valid").GetBoolean());
        Assert.Equal("match", result.GetProperty("comparison").GetProperty("surname").GetString());
        Assert.Equal("match", result.GetProperty("comparison").GetProperty("givenNames").GetString());
        // Booking asks for no birth date, so there is none to compare (the clerk reads it from the document).
        Assert.False(result.GetProperty("comparison").TryGetProperty("birthDate", out _));

        var decision = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified",
            confirmedFeatures = Keys(v, "features"),
            questionsAsked = Keys(v, "questions").Take(2),
        });
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        Assert.Equal("verified", (await decision.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var row = await db.Verifications.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Equal(("identity-card", "D", new DateOnly(2031, 8, 1)), (row.DocumentType, row.IssuingState, row.DocumentExpiry!.Value));
        Assert.Matches("^[0-9a-f]{64}$", row.DocumentNumberHash);
        Assert.DoesNotContain("LZ6311T47", row.DocumentNumberHash);
        Assert.Null(row.PendingSurname);
        Assert.Null(row.PendingGivenNames);
        Assert.Null(row.PendingBirthDate);
        Assert.Null(row.PendingNationality);
        Assert.Null(row.CitizenName);
        Assert.NotNull(row.DecidedAt);

        var outbox = await db.OutboxMessages.AsNoTracking().ToListAsync();
        var verified = Assert.Single(outbox, m => m.MessageType.Contains("IdentityVerified") && m.Body.Contains(id.ToString()));
        Assert.Contains("MUSTERMANN", verified.Body);
        // Room probe F6: the nationality goes too, for the form's pre-fill, as ISO 3166-1 alpha-3 (the German card's
        // "D" written "DEU"); the document number does not.
        Assert.Matches("\"nationality\":\\s*\"DEU\"", verified.Body);
        Assert.DoesNotContain("LZ6311T47", verified.Body);

        var again = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new { decision = "rejected", reason = "changed my mind" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    /// <summary>
    /// Probe: a clerk's "verified" and the supervisor's "rejected" sent at the same moment were both saved; the record
    /// said verified with the rejection's reason, and both events left. The record's row version lets one decision in.
    /// </summary>
    [Fact]
    public async Task Two_decisions_at_the_same_moment_save_one_and_refuse_the_other()
    {
        for (var round = 0; round < 3; round++)
        {
            var (client, v) = await StartAsync();
            var id = v.GetProperty("id").GetGuid();
            (await client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).EnsureSuccessStatusCode();
            var supervisor = factory.CreateStaffClient(Staff.Supervisor("residents-office"));
            var answers = await Task.WhenAll(
                client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
                {
                    decision = "verified", confirmedFeatures = Keys(v, "features"), questionsAsked = Keys(v, "questions").Take(1),
                }),
                supervisor.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new { decision = "rejected", reason = "Photo does not match" }));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            var won = answers[0].IsSuccessStatusCode ? "verified" : "rejected";

            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var row = await db.Verifications.AsNoTracking().SingleAsync(x => x.Id == id);
            Assert.Equal((won, won == "rejected" ? "Photo does not match" : null), (row.Status.ToString().ToLowerInvariant(), row.Reason));
            var events = (await db.OutboxMessages.AsNoTracking().ToListAsync()).Where(m => m.Body.Contains(id.ToString())).Select(m => m.MessageType).ToList();
            Assert.Single(events, type => type.Contains("IdentityVerified") || type.Contains("IdentityRejected"));
        }
    }

    /// <summary>Probe: a null among the keys ("questionsAsked": [null]) was a 500; it is refused naming the list.</summary>
    [Fact]
    public async Task A_null_among_the_keys_is_refused_naming_the_list()
    {
        var (client, v) = await StartAsync();
        var id = v.GetProperty("id").GetGuid();
        foreach (var (list, body) in new (string, object)[]
        {
            ("questionsAsked", new { decision = "rejected", reason = "x", questionsAsked = new string?[] { null } }),
            ("confirmedFeatures", new { decision = "rejected", reason = "x", confirmedFeatures = new string?[] { null } }),
        })
        {
            var refused = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("(empty)", problem.GetProperty("errors").GetProperty(list)[0].GetString());
        }
    }

    [Fact]
    public async Task Verifying_needs_a_valid_mrz_all_features_and_a_question()
    {
        var (client, v) = await StartAsync();
        var id = v.GetProperty("id").GetGuid();
        var response = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified",
            confirmedFeatures = Keys(v, "features").Take(2),
            questionsAsked = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("mrz", out _));
        Assert.True(errors.TryGetProperty("confirmedFeatures", out _));
        Assert.True(errors.TryGetProperty("questionsAsked", out _));

        await client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard2010 });
        var expired = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified", confirmedFeatures = Keys(v, "features"), questionsAsked = Keys(v, "questions"),
        });
        var expiredErrors = (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("mrz", expiredErrors);
        Assert.DoesNotContain("confirmedFeatures", expiredErrors);
        Assert.DoesNotContain("questionsAsked", expiredErrors);
    }

    [Fact]
    public async Task A_name_mismatch_needs_a_reason_and_a_rejection_publishes_the_event()
    {
        var (client, v) = await StartAsync(name: "Max Müller");
        var id = v.GetProperty("id").GetGuid();
        var check = await (await client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("mismatch", check.GetProperty("comparison").GetProperty("surname").GetString());

        var verify = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified", confirmedFeatures = Keys(v, "features"), questionsAsked = Keys(v, "questions"),
        });
        Assert.Contains("explain", (await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());

        var noReason = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new { decision = "rejected" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var reject = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new { decision = "rejected", reason = "Document belongs to someone else." });
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var outbox = await db.OutboxMessages.AsNoTracking().ToListAsync();
        Assert.Contains(outbox, m => m.MessageType.Contains("IdentityRejected") && m.Body.Contains(id.ToString()));
    }

    [Theory]
    [InlineData("ended")]
    [InlineData("cancelled")]
    public async Task No_check_starts_in_a_consultation_that_is_over(string status)
    {
        // The probe (attack 2, item 9): a check started and decided "verified" after the clerk had ended the room.
        var clerk = Staff.Clerk("residents-office", "move");
        var room = factory.HeldRoom(clerk) with { Status = status };
        factory.Sessions.Put(room);
        var response = await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("identity-consultation-closed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IdentityDb>().Verifications.AnyAsync(v => v.SessionId == room.Id));
    }

    [Fact]
    public async Task A_check_is_not_decided_after_the_consultation_ended()
    {
        var clerk = Staff.Clerk("residents-office", "move");
        var client = factory.CreateStaffClient(clerk);
        var room = factory.HeldRoom(clerk, citizenName: "Erika Mustermann");
        var v = await (await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var id = v.GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).EnsureSuccessStatusCode();
        factory.Sessions.Put(room with { Status = "ended" });

        var decision = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified",
            confirmedFeatures = Keys(v, "features"),
            questionsAsked = Keys(v, "questions").Take(2),
        });
        Assert.Equal(HttpStatusCode.Gone, decision.StatusCode);
        Assert.Equal("identity-consultation-closed", (await decision.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("open", (await client.GetFromJsonAsync<JsonElement>($"/api/identity/verifications/{id}")).GetProperty("status").GetString());
    }

    /// <summary>
    /// A check could be started while no video ran between clerk and resident, and "verified" recorded then: the
    /// record claimed an identity nobody saw. It starts only while the room's call runs (a screen shared in it too).
    /// </summary>
    [Fact]
    public async Task A_check_starts_only_while_the_rooms_call_runs()
    {
        var clerk = Staff.Clerk("residents-office", "move");
        var client = factory.CreateStaffClient(clerk);
        var room = factory.HeldRoom(clerk) with { Mode = "write" };
        factory.Sessions.Put(room);
        var refused = await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("identity-no-video", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using (var scope = factory.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<IdentityDb>().Verifications.AnyAsync(v => v.SessionId == room.Id));
        }

        foreach (var mode in new[] { "speak", "show" })
        {
            factory.Sessions.Put(room with { Mode = mode });
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id })).StatusCode);
        }
    }

    /// <summary>
    /// The call ends during a check: "verified" waits until the video runs again (the clerk sees the card once more);
    /// a rejection is recorded without it, as it claims no identity.
    /// </summary>
    [Fact]
    public async Task A_check_whose_call_ended_is_verified_only_once_the_video_runs_again_and_rejected_at_any_time()
    {
        var clerk = Staff.Clerk("residents-office", "move");
        var client = factory.CreateStaffClient(clerk);
        var room = factory.HeldRoom(clerk, citizenName: "Erika Mustermann");
        await VerifiedOnlyAsTheRoomAllowsAsync(client, room, room with { Mode = "write" }, "identity-no-video",
            "Die Person hat das Video beendet, statt den Ausweis zu zeigen.");
    }

    /// <summary>
    /// A call ran while the resident's camera was covered or switched off (black frames): the check started and
    /// "verified" was saved with nothing to see. Both wait for a picture the clerk's page receives (sessions' look-up,
    /// from what her page reports); a rejection does not.
    /// </summary>
    [Fact]
    public async Task A_call_without_a_picture_neither_starts_a_check_nor_verifies_but_may_reject()
    {
        var clerk = Staff.Clerk("residents-office", "move");
        var client = factory.CreateStaffClient(clerk);
        var room = factory.HeldRoom(clerk, citizenName: "Erika Mustermann");
        factory.Sessions.Put(room with { PictureArrives = false });
        var refused = await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("identity-no-picture", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using (var scope = factory.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<IdentityDb>().Verifications.AnyAsync(v => v.SessionId == room.Id));
        }

        await VerifiedOnlyAsTheRoomAllowsAsync(client, room, room with { PictureArrives = false }, "identity-no-picture", "Die Kamera blieb abgedeckt.");
    }

    /// <summary>
    /// A check opened in <paramref name="room"/>: while sessions shows the room as <paramref name="without"/>,
    /// "verified" is refused with <paramref name="code"/> and the check stays open, while a second check is rejected
    /// (<paramref name="rejection"/>); once the room is as it was, "verified" is saved.
    /// </summary>
    private async Task VerifiedOnlyAsTheRoomAllowsAsync(HttpClient client, RoomView room, RoomView without, string code, string rejection)
    {
        factory.Sessions.Put(room);
        async Task<JsonElement> Start() =>
            await (await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var v = await Start();
        var id = v.GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).EnsureSuccessStatusCode();
        var verified = new { decision = "verified", confirmedFeatures = Keys(v, "features"), questionsAsked = Keys(v, "questions").Take(1) };
        var other = await Start();

        factory.Sessions.Put(without);
        var refused = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", verified);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(code, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("open", (await client.GetFromJsonAsync<JsonElement>($"/api/identity/verifications/{id}")).GetProperty("status").GetString());
        var rejected = await client.PostAsJsonAsync($"/api/identity/verifications/{other.GetProperty("id").GetGuid()}/decision",
            new { decision = "rejected", reason = rejection });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        factory.Sessions.Put(room);
        var decided = await client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", verified);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("verified", (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_holder_or_a_supervisor_starts_a_check_and_in_a_room_nobody_took_only_a_supervisor()
    {
        // The probe: a colleague started a check in a booked room nobody had accepted yet (no holder). The room's mode
        // says a call runs, so that only who may start is asked here.
        var (waiting, _) = factory.Sessions.AddRoom("residents-office", "move", "Erika Mustermann");
        waiting = waiting with { Mode = "speak", PictureArrives = true };
        factory.Sessions.Put(waiting);
        var colleague = factory.CreateStaffClient(Staff.Clerk("residents-office", "move"));
        var refused = await colleague.PostAsJsonAsync("/api/identity/verifications", new { sessionId = waiting.Id });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("identity-not-holder", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var held = factory.HeldRoom(Staff.Clerk("residents-office", "move"));
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsJsonAsync("/api/identity/verifications", new { sessionId = held.Id })).StatusCode);

        var supervisor = factory.CreateStaffClient(Staff.Supervisor("residents-office"));
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/identity/verifications", new { sessionId = waiting.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/identity/verifications", new { sessionId = held.Id })).StatusCode);
    }

    [Fact]
    public async Task Clerks_of_another_department_are_refused()
    {
        var (room, _) = factory.Sessions.AddRoom("residents-office", "move", "Erika Mustermann");
        var tax = factory.CreateStaffClient(Staff.Clerk("tax-office"));
        var response = await tax.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id, departmentKey = "tax-office" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var (_, v) = await StartAsync();
        var read = await tax.GetAsync($"/api/identity/verifications/{v.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task Staff_of_another_department_cannot_open_a_verification_by_naming_their_own_department()
    {
        // The probe: sessions refuses clerk.tax the residents-office room (403); that refusal must stay one, whatever
        // department, concern and name the request claims — for clerks and for a supervisor who read the id elsewhere.
        var (room, _) = factory.Sessions.AddRoom("residents-office", "move", "Erika Mustermann");
        foreach (var staff in new[] { Staff.Clerk("tax-office"), Staff.Supervisor("tax-office") })
        {
            var response = await factory.CreateStaffClient(staff).PostAsJsonAsync("/api/identity/verifications",
                new { sessionId = room.Id, departmentKey = "tax-office", concernKey = "tax-return", citizenName = "Fälscher" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        Assert.False(await db.Verifications.AnyAsync(v => v.SessionId == room.Id));
    }

    [Fact]
    public async Task A_room_sessions_does_not_know_is_404_and_an_outage_is_503_never_a_verification()
    {
        var client = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var unknown = await client.PostAsJsonAsync("/api/identity/verifications",
            new { sessionId = Guid.NewGuid(), departmentKey = "residents-office", concernKey = "move", citizenName = "Erika Mustermann" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var (room, _) = factory.Sessions.AddRoom("residents-office");
        factory.Sessions.Down = true;
        try
        {
            var down = await client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id, departmentKey = "residents-office" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            factory.Sessions.Down = false;
        }
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        Assert.False(await db.Verifications.AnyAsync(v => v.SessionId == room.Id));
    }

    [Fact]
    public async Task A_still_is_kept_only_when_the_concern_requires_it_and_the_resident_consented()
    {
        var (client, move) = await StartAsync("move");
        var notRequired = await PutStillAsync(client, move.GetProperty("id").GetGuid(), consent: true);
        Assert.False(notRequired.GetProperty("stored").GetBoolean());

        var (naturalisationClient, naturalisation) = await StartAsync("naturalisation");
        var id = naturalisation.GetProperty("id").GetGuid();
        Assert.True(naturalisation.GetProperty("stillRequired").GetBoolean());
        Assert.False((await PutStillAsync(naturalisationClient, id, consent: false)).GetProperty("stored").GetBoolean());
        Assert.True((await PutStillAsync(naturalisationClient, id, consent: true)).GetProperty("stored").GetBoolean());
        var view = await naturalisationClient.GetFromJsonAsync<JsonElement>($"/api/identity/verifications/{id}");
        Assert.True(view.GetProperty("stillStored").GetBoolean());

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        Assert.False(await db.Stills.AnyAsync(s => s.VerificationId == move.GetProperty("id").GetGuid()));
        Assert.Equal(Jpeg, (await db.Stills.SingleAsync(s => s.VerificationId == id)).Content);
    }

    [Fact]
    public async Task Only_images_are_accepted_as_stills()
    {
        var (client, v) = await StartAsync();
        var content = new ByteArrayContent("not an image"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await client.PutAsync($"/api/identity/verifications/{v.GetProperty("id").GetGuid()}/still?consent=true", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("still", out _));
    }

    [Fact]
    public async Task The_retention_job_deletes_stills_older_than_the_configured_days()
    {
        var (client, v) = await StartAsync("naturalisation");
        var id = v.GetProperty("id").GetGuid();
        Assert.True((await PutStillAsync(client, id, consent: true)).GetProperty("stored").GetBoolean());
        var job = factory.Services.GetRequiredService<RetentionJob>();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();

        factory.Time.Advance(TimeSpan.FromDays(29));
        await job.PurgeAsync(CancellationToken.None);
        Assert.True(await db.Stills.AnyAsync(s => s.VerificationId == id));

        factory.Time.Advance(TimeSpan.FromDays(2));
        await job.PurgeAsync(CancellationToken.None);
        Assert.False(await db.Stills.AnyAsync(s => s.VerificationId == id));
        // An undecided verification's names from the MRZ and booking do not outlive the pending window either.
        var row = await db.Verifications.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Null(row.CitizenName);
    }

    private static async Task<JsonElement> PutStillAsync(HttpClient client, Guid id, bool consent)
    {
        var content = new ByteArrayContent(Jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await client.PutAsync($"/api/identity/verifications/{id}/still?consent={(consent ? "true" : "false")}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
