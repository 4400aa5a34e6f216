using System.Globalization;
using System.Net.Mail;
using Membership.Contracts.Members;
using Membership.Members.Profiles;

namespace Membership.Members.Api;

/// <summary>The fields of an offline registration, checked and normalised; errors by camelCase field name, in English.</summary>
internal sealed record ValidOfflineRegistration(
    string Mobile, string? Name, string? Email, DateOnly? Birthday, Gender Gender, string? Region, string? StoreCode, int? TermsVersion);

internal static class OfflineRegistrationValidator
{
    public static (ValidOfflineRegistration? Valid, Dictionary<string, string[]> Errors) Validate(OfflineRegistrationRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var mobile = TaiwanMobile.Normalize(request.Mobile);
        if (string.IsNullOrWhiteSpace(request.Mobile))
        {
            errors["mobile"] = ["The mobile number is required."];
        }
        else if (mobile is null)
        {
            errors["mobile"] = ["The mobile number must be a Taiwan mobile number, e.g. 0912-345-678 or +886 912 345 678."];
        }

        var name = Trimmed(request.Name);
        if (name is { Length: > 100 })
        {
            errors["name"] = ["The name must be at most 100 characters."];
        }

        var email = Trimmed(request.Email);
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors["email"] = ["The e-mail address is not valid."];
        }

        DateOnly? birthday = null;
        if (Trimmed(request.Birthday) is { } birthdayText)
        {
            if (!DateOnly.TryParseExact(birthdayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors["birthday"] = ["The birthday must be a date written as yyyy-MM-dd."];
            }
            else if (date > today || date.Year < 1900)
            {
                errors["birthday"] = ["The birthday must be between 1900-01-01 and today."];
            }
            else
            {
                birthday = date;
            }
        }

        var gender = Gender.Unspecified;
        if (Trimmed(request.Gender) is { } genderText
            && (!Enum.TryParse(genderText, ignoreCase: true, out gender) || !Enum.IsDefined(gender) || int.TryParse(genderText, out _)))
        {
            errors["gender"] = ["The gender must be one of female, male, other or unspecified."];
        }

        string? region = null;
        if (Trimmed(request.Region) is { } regionText)
        {
            region = TaiwanRegions.All.FirstOrDefault(r =>
                string.Equals(r.Code, regionText, StringComparison.OrdinalIgnoreCase) || r.ZhName == regionText.Replace('台', '臺')
                || string.Equals(r.EnName, regionText, StringComparison.OrdinalIgnoreCase))?.Code;
            if (region is null)
            {
                errors["region"] = ["The region must be one of Taiwan's 22 counties and cities, by code (e.g. TPE) or name (臺北市, Taipei City)."];
            }
        }

        var store = Trimmed(request.StoreCode);
        if (store is { Length: > 50 })
        {
            errors["storeCode"] = ["The store code must be at most 50 characters."];
        }

        if (request.ConsentTermsVersion is <= 0)
        {
            errors["consent.termsVersion"] = ["The terms version must be a positive number."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidOfflineRegistration(mobile!, name, email, birthday, gender, region, store, request.ConsentTermsVersion), errors);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
