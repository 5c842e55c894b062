using Microsoft.EntityFrameworkCore;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>
/// A room's row carries Postgres' xmin as its version, so two writers cannot both win. Most collisions do not
/// concern the loser (the resident coming in or switching modes while the clerk accepts, ends or transfers), so a
/// change is run again from a fresh read; a change that does concern it (a colleague took the room) is seen then.
/// </summary>
public static class RoomChanges
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Runs <paramref name="change"/> — read the room, decide, save — again from an empty change tracker while the
    /// save meets a newer version of the row. A conflict that outlasts the attempts propagates (a 409 problem).
    /// </summary>
    public static async Task<T> OnCurrentRoomAsync<T>(this SessionDb db, Func<Task<T>> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
