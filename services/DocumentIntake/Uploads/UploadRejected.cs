namespace Municipal.DocumentIntake.Uploads;

/// <summary>The request cannot be accepted; <see cref="Errors"/> name the fields, <see cref="Reasons"/> give stable codes for the UI.</summary>
public sealed class UploadRejected(Dictionary<string, string[]> errors, Dictionary<string, string> reasons, int status = StatusCodes.Status400BadRequest,
    Dictionary<string, Dictionary<string, object>>? args = null)
    : Exception("The upload was rejected.")
{
    public Dictionary<string, string[]> Errors { get; } = errors;
    public Dictionary<string, string> Reasons { get; } = reasons;
    /// <summary>The values a reason's text names, by field (<c>{ "files[0]": { "max": 100 } }</c>).</summary>
    public Dictionary<string, Dictionary<string, object>> Args { get; } = args ?? [];
    public int Status { get; } = status;

    public static UploadRejected For(string field, string reason, string message, int status = StatusCodes.Status400BadRequest) =>
        new(new() { [field] = [message] }, new() { [field] = reason }, status);
}
