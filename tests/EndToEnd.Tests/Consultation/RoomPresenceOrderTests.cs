using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// The room page's connection (shared/signaling.js) hears who is in the room from two sources at nearly the same
/// time: the answer to its own join and the notice of someone who joined on another instance. In CI with two
/// replicas a resident's page heard the clerk's notice while its join was still under way, then took its join's older
/// list and said "someone will be with you shortly" for good. These tests drive the real module in Chromium with a
/// hub connection of their own making, so each order is played out exactly, every run.
/// </summary>
public sealed class RoomPresenceOrderTests(Browser browser) : IClassFixture<Browser>
{
    // Builds a RoomConnection on a connection the test controls: notices are delivered with deliver(name, payload),
    // the join is answered with answer(result). Each step is written into window.heard for the assertions.
    private const string Harness = """
        async () => {
          const handlers = new Map();
          let answer;
          const connection = {
            on: (name, handler) => handlers.set(name, handler),
            onreconnecting() {}, onreconnected() {}, onclose() {},
            start: () => Promise.resolve(),
            stop: () => Promise.resolve(),
            invoke: method => method.startsWith('Join') ? new Promise(resolve => { answer = resolve; }) : Promise.resolve(null),
          };
          window.roomHub = { early: null, build: () => connection };
          const { RoomConnection } = await import('/shared/signaling.js');
          const room = new RoomConnection();
          window.heard = [];
          // Who is in the room as handed to the page's handlers, and who joined or left by this notice.
          room.on('presence', notice => window.heard.push(
            `${notice.participants.map(p => p.role).join('+')} ${notice.joined?.role ?? '-'} ${notice.left?.role ?? '-'}`));
          window.room = room;
          window.deliver = (name, payload) => handlers.get(name)(payload);
          window.answer = result => answer(result);
          window.joining = room.joinAsResident('token');
        }
        """;

    private static readonly object Resident = new { role = "resident", name = "Rita Reihe" };
    private static readonly object Clerk = new { role = "clerk", name = "Clara Clerk" };

    private static object JoinAnswer(long version, params object[] participants) => new
    {
        room = new { id = Guid.NewGuid() }, you = Resident, messages = Array.Empty<object>(), participants, presenceVersion = version,
    };

    private static async Task<IPage> HarnessAsync(IBrowserContext party)
    {
        var page = await party.NewPageAsync();
        // Any page of the site: the module is imported from the same origin.
        await page.GotoAsync("/");
        await page.EvaluateAsync(Harness);
        return page;
    }

    private static async Task<string[]> ParticipantsAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.room.participants.map(p => p.role)")).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task A_clerk_who_came_in_while_the_residents_join_was_under_way_stays_in_the_list()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await HarnessAsync(party);
        // The clerk's notice (read after the resident was listed) arrives first; then the join's answer, read before.
        await page.EvaluateAsync("n => window.deliver('presence', n)",
            new { participants = new[] { Resident, Clerk }, joined = Clerk, left = (object?)null, version = 20 });
        await page.EvaluateAsync("a => window.answer(a)", JoinAnswer(10, Resident));
        await page.EvaluateAsync("() => window.joining");

        Assert.Equal(["resident", "clerk"], await ParticipantsAsync(page));
        // Every handler was handed the newest list, the join's own announcement too.
        Assert.Equal(["resident+clerk clerk -", "resident+clerk - -"], await page.EvaluateAsync<string[]>("() => window.heard"));
    }

    [Fact]
    public async Task A_newer_join_answer_replaces_an_older_notice_and_an_older_notice_after_it_changes_nothing()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await HarnessAsync(party);
        await page.EvaluateAsync("n => window.deliver('presence', n)",
            new { participants = new[] { Clerk }, joined = Clerk, left = (object?)null, version = 5 });
        await page.EvaluateAsync("a => window.answer(a)", JoinAnswer(10, Resident, Clerk));
        await page.EvaluateAsync("() => window.joining");
        Assert.Equal(["resident", "clerk"], await ParticipantsAsync(page));

        // A late notice of the clerk leaving, read before the join: the clerk is still there, and the page is not
        // told they left (the chat would say so).
        await page.EvaluateAsync("n => window.deliver('presence', n)",
            new { participants = new[] { Resident }, joined = (object?)null, left = Clerk, version = 7 });
        Assert.Equal(["resident", "clerk"], await ParticipantsAsync(page));
        Assert.Equal("resident+clerk - -", await page.EvaluateAsync<string>("() => window.heard.at(-1)"));
        // The clerk really leaving later is taken.
        await page.EvaluateAsync("n => window.deliver('presence', n)",
            new { participants = new[] { Resident }, joined = (object?)null, left = Clerk, version = 30 });
        Assert.Equal(["resident"], await ParticipantsAsync(page));
        Assert.Equal("resident - clerk", await page.EvaluateAsync<string>("() => window.heard.at(-1)"));
    }

    [Fact]
    public async Task A_list_without_a_version_from_a_replica_not_yet_updated_is_taken_as_it_comes()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await HarnessAsync(party);
        await page.EvaluateAsync("a => window.answer(a)", new
        {
            room = new { id = Guid.NewGuid() }, you = Resident, messages = Array.Empty<object>(), participants = new[] { Resident },
        });
        await page.EvaluateAsync("() => window.joining");
        await page.EvaluateAsync("n => window.deliver('presence', n)", new { participants = new[] { Resident, Clerk }, joined = Clerk, left = (object?)null });
        Assert.Equal(["resident", "clerk"], await ParticipantsAsync(page));
    }

    [Fact]
    public async Task A_clerk_who_took_the_room_during_the_join_is_named_until_their_page_comes_in()
    {
        await using var party = await browser.NewPartyAsync(Browser.Phone);
        var page = await HarnessAsync(party);
        await page.EvaluateAsync("a => window.deliver('accepted', a)", new { by = Clerk });
        await page.EvaluateAsync("a => window.answer(a)", JoinAnswer(10, Resident));
        await page.EvaluateAsync("() => window.joining");
        Assert.Equal("Clara Clerk", await page.EvaluateAsync<string?>("() => window.room.acceptedBy?.name"));

        // Their page joined: the list says it from now on.
        await page.EvaluateAsync("n => window.deliver('presence', n)",
            new { participants = new[] { Resident, Clerk }, joined = Clerk, left = (object?)null, version = 20 });
        Assert.Null(await page.EvaluateAsync<string?>("() => window.room.acceptedBy?.name ?? null"));

        // Their acceptance heard late, after they came in: their leaving (a transfer) ends it.
        await page.EvaluateAsync("a => window.deliver('accepted', a)", new { by = Clerk });
        Assert.Equal("Clara Clerk", await page.EvaluateAsync<string?>("() => window.room.acceptedBy?.name"));
        await page.EvaluateAsync("n => window.deliver('presence', n)",
            new { participants = new[] { Resident }, joined = (object?)null, left = Clerk, version = 30 });
        Assert.Null(await page.EvaluateAsync<string?>("() => window.room.acceptedBy?.name ?? null"));
        Assert.Equal(["resident"], await ParticipantsAsync(page));
    }
}
