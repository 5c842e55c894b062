using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Apis;

/// <summary>
/// ASP.NET Identity's refusals (a wrong current password, a weak new one, a taken user name) as reason codes the staff
/// pages translate; Identity's own English descriptions stay the texts of the problem.
/// </summary>
internal static class IdentityReasons
{
    /// <summary>The password rules the gateway sets in <c>AddStaffSignIn</c>: 12 characters, upper and lower case, a digit, a symbol.</summary>
    private const int PasswordLength = 12;

    /// <summary>One broken password rule as its own code (the password change lists every rule a new password breaks).</summary>
    public static Reason Rule(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => new Reason("password-too-short", error.Description).With("length", PasswordLength),
        "PasswordRequiresNonAlphanumeric" => new Reason("password-needs-symbol", error.Description),
        "PasswordRequiresDigit" => new Reason("password-needs-digit", error.Description),
        "PasswordRequiresLower" => new Reason("password-needs-lower", error.Description),
        "PasswordRequiresUpper" => new Reason("password-needs-upper", error.Description),
        GuessablePasswords.Code => new Reason("password-guessable", error.Description),
        _ => new Reason("password-rules", error.Description).With("length", PasswordLength),
    };

    public static ValidationProblem Problem(IdentityResult result, string field)
    {
        var first = result.Errors.FirstOrDefault();
        Reason reason = first?.Code switch
        {
            "PasswordMismatch" => new Reason("password-mismatch", "The current password is not correct."),
            "PasswordTooShort" or "PasswordRequiresNonAlphanumeric" or "PasswordRequiresDigit" or "PasswordRequiresUpper"
                or "PasswordRequiresLower" or "PasswordRequiresUniqueChars" or GuessablePasswords.Code =>
                new Reason("password-rules", $"Use at least {PasswordLength} characters with upper- and lower-case letters, a digit and a symbol.").With("length", PasswordLength),
            "DuplicateUserName" => new Reason("user-name-taken", "This user name is already taken."),
            "InvalidUserName" => new Reason("user-name-invalid", "Use letters, digits and . - _ @ + in the user name."),
            _ => new Reason("account-refused", first?.Description ?? "The account could not be saved."),
        };
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() },
            extensions: Problems.Extensions(new FieldErrors { [field] = reason }));
    }
}
