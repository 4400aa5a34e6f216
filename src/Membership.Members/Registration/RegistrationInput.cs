using System.Globalization;
using System.Net.Mail;
using Membership.Contracts.Members;
using Membership.Members.Profiles;

namespace Membership.Members.Registration;

/// <summary>The form's fields, checked and normalised; <see cref="Errors"/> names each field that is wrong.</summary>
internal sealed record RegistrationInput(
    string Name,
    string Mobile,
    DateOnly Birthday,
    Gender Gender,
    string Region,
    string? Email,
    int TermsVersion)
{
    public static (RegistrationInput? Input, Dictionary<string, string> Errors) Parse(RegisterMemberRequest request, int currentTermsVersion, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors[RegistrationFields.Name] = RegistrationErrors.Required;
        }
        else if (name.Length > 100)
        {
            errors[RegistrationFields.Name] = RegistrationErrors.TooLong;
        }

        var mobile = TaiwanMobile.Normalize(request.Mobile);
        if (mobile is null)
        {
            errors[RegistrationFields.Mobile] = string.IsNullOrWhiteSpace(request.Mobile) ? RegistrationErrors.Required : RegistrationErrors.Invalid;
        }

        DateOnly birthday = default;
        if (string.IsNullOrWhiteSpace(request.Birthday))
        {
            errors[RegistrationFields.Birthday] = RegistrationErrors.Required;
        }
        else if (!DateOnly.TryParseExact(request.Birthday.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthday)
                 || birthday > today || birthday.Year < 1900)
        {
            errors[RegistrationFields.Birthday] = RegistrationErrors.Invalid;
        }

        if (!Enum.TryParse<Gender>(request.Gender, ignoreCase: true, out var gender) || !Enum.IsDefined(gender) || int.TryParse(request.Gender, out _))
        {
            errors[RegistrationFields.Gender] = string.IsNullOrWhiteSpace(request.Gender) ? RegistrationErrors.Required : RegistrationErrors.Invalid;
        }

        var region = TaiwanRegions.Find(request.Region);
        if (region is null)
        {
            errors[RegistrationFields.Region] = string.IsNullOrWhiteSpace(request.Region) ? RegistrationErrors.Required : RegistrationErrors.Invalid;
        }

        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && (email.Length > 254 || !IsEmail(email)))
        {
            errors[RegistrationFields.Email] = RegistrationErrors.Invalid;
        }

        if (request.AcceptedTermsVersion is null)
        {
            errors[RegistrationFields.Consent] = RegistrationErrors.Required;
        }
        else if (request.AcceptedTermsVersion != currentTermsVersion)
        {
            errors[RegistrationFields.Consent] = RegistrationErrors.TermsChanged;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RegistrationInput(name, mobile!, birthday, gender, region!.Code, email, currentTermsVersion), errors);
    }

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);
}
