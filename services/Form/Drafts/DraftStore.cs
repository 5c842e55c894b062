using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Model;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Drafts;

/// <summary>
/// Field writes as single SQL statements, so concurrent edits are decided by the database: a write carries the
/// version it was based on and succeeds only if that is still the field's version (or the field is new).
/// </summary>
public sealed class DraftStore(FormDb db, CityClock clock)
{
    // JSON null: the value of a field nobody wrote.
    private static readonly JsonElement Cleared = JsonDocument.Parse("null").RootElement;

    private sealed class Row
    {
        public int Version { get; set; }
        public string Value { get; set; } = "";
    }

    public async Task<Draft?> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Drafts.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>
    /// The draft's version: the sum of its fields' versions. Every write adds one to one field's version, so the sum
    /// grows by one with each change, and a page holding every field's latest version knows exactly this number.
    /// </summary>
    public async Task<int> VersionAsync(Guid id, CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"SELECT COALESCE(SUM(version), 0)::int AS \"Value\" FROM draft_fields WHERE draft_id = {id}").SingleAsync(ct);

    /// <summary>Takes the draft's row lock: shared for field edits (they may run side by side), exclusive to sign or submit.</summary>
    public async Task<string?> LockAsync(Guid id, bool exclusive, CancellationToken ct)
    {
        var rows = exclusive
            ? await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM drafts WHERE id = {id} FOR UPDATE").ToListAsync(ct)
            : await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM drafts WHERE id = {id} FOR SHARE").ToListAsync(ct);
        return rows.FirstOrDefault();
    }

    public async Task<FieldWrite> WriteAsync(Guid draftId, string field, JsonElement value, int baseVersion, string by, CancellationToken ct)
    {
        var json = value.GetRawText();
        var now = clock.Now;
        // A field nobody wrote yet is written only on version 0: an edit that claims a version the field never had (99)
        // is one made on another state (room probe, 2026-12-06, was written as version 1).
        var written = await db.Database.SqlQuery<int>($"""
            INSERT INTO draft_fields (draft_id, field, value, version, updated_by, updated_at)
            SELECT {draftId}, {field}, {json}::jsonb, 1, {by}, {now}
            WHERE {baseVersion} = 0 OR EXISTS (SELECT 1 FROM draft_fields WHERE draft_id = {draftId} AND field = {field})
            ON CONFLICT (draft_id, field) DO UPDATE
                SET value = excluded.value, version = draft_fields.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                WHERE draft_fields.version = {baseVersion}
            RETURNING version AS "Value"
            """).ToListAsync(ct);
        if (written.Count == 1) return new FieldWrite(field, true, written[0], value);

        var current = await db.Database.SqlQuery<Row>($"SELECT version AS \"Version\", value::text AS \"Value\" FROM draft_fields WHERE draft_id = {draftId} AND field = {field}").SingleOrDefaultAsync(ct);
        return current is null
            ? new FieldWrite(field, false, 0, Cleared)
            : new FieldWrite(field, false, current.Version, JsonDocument.Parse(current.Value).RootElement.Clone());
    }

    /// <summary>Fills a field nobody has typed into yet (or that only a pre-fill wrote): pre-fill never overwrites a person's entry.</summary>
    public async Task<int?> PrefillAsync(Guid draftId, string field, JsonElement value, CancellationToken ct)
    {
        var json = value.GetRawText();
        var now = clock.Now;
        var written = await db.Database.SqlQuery<int>($"""
            INSERT INTO draft_fields (draft_id, field, value, version, updated_by, updated_at)
            VALUES ({draftId}, {field}, {json}::jsonb, 1, 'prefill', {now})
            ON CONFLICT (draft_id, field) DO UPDATE
                SET value = excluded.value, version = draft_fields.version + 1, updated_at = excluded.updated_at
                WHERE draft_fields.updated_by = 'prefill' AND draft_fields.value <> excluded.value
            RETURNING version AS "Value"
            """).ToListAsync(ct);
        return written.Count == 1 ? written[0] : null;
    }

    /// <summary>Drops a signature the content no longer matches; true when there was one.</summary>
    public async Task<bool> InvalidateSignatureAsync(Guid draftId, CancellationToken ct)
    {
        var now = clock.Now;
        var changed = await db.Database.ExecuteSqlAsync($"""
            UPDATE drafts SET signature_kind = NULL, signature_image = NULL, signature_strokes = NULL, signature_content_sha256 = NULL,
                signature_summary = NULL, signed_at = NULL, signature_invalidated_at = {now}, updated_at = {now}
            WHERE id = {draftId} AND signature_kind IS NOT NULL
            """, ct);
        return changed > 0;
    }

    public static Dictionary<string, JsonElement> Values(Draft draft) =>
        draft.Fields.ToDictionary(f => f.Field, f => JsonDocument.Parse(f.Value).RootElement.Clone());

    public static bool IsLeaf(FormDefinition definition, string field) => definition.Leaf(field) is not null;
}
