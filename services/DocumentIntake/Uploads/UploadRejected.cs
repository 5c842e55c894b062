namespace Municipal.DocumentIntake.Uploads;

/// <summary>The request cannot be accepted; <see cref="Errors"/> name the fields, <see cref="Reasons"/> give stable codes for the UI.</summary>
public sealed class UploadRejected(Dictionary<string, string[]> errors, Dictionary<string, string> reasons, int status = StatusCodes.Status400BadRequest)
    : Exception("The upload was rejected.")
{
    public Dictionary<string, string[]> Errors { get; } = errors;
    public Dictionary<string, string> Reasons { get; } = reasons;
    public int Status { get; } = status;

    public static UploadRejected For(string field, string reason, string message, int status = StatusCodes.Status400BadRequest) =>
        new(new() { [field] = [message] }, new() { [field] = reason }, status);
}
