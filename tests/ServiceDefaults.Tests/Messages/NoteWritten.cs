namespace Municipal.ServiceDefaults.Tests.Messages;

public sealed record NoteWritten(Guid NoteId, string Text);
