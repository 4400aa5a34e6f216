using System.Globalization;
using Membership.Contracts.Members;
using Membership.Shared.Time;
using Microsoft.AspNetCore.Components;

namespace Membership.Web.Components.Pages.Mobile;

public sealed partial class MemberRegister
{
    private const string FormName = "register";

    [Inject]
    private IMemberLinks Links { get; set; } = default!;

    [Inject]
    private IMembersModule Members { get; set; } = default!;

    [Inject]
    private IMemberRegistration Registration { get; set; } = default!;

    [Inject]
    private IPrivacyTermsCatalog TermsCatalog { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The signed link's token (see <see cref="IMemberLinks"/>).</summary>
    [SupplyParameterFromQuery(Name = "t")]
    private string? T { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "name")]
    private string? Name { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "mobile")]
    private string? Mobile { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "birthday")]
    private string? Birthday { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "gender")]
    private string? Gender { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "region")]
    private string? Region { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "email")]
    private string? Email { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "consent")]
    private string? Consent { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "termsVersion")]
    private int? TermsVersion { get; set; }

    private string? LineUserId { get; set; }

    private PrivacyTerms? Terms { get; set; }

    private MemberSummary? Done { get; set; }

    private bool JustRegistered { get; set; }

    private IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();

    private string? LiffId => Configuration["Line:LiffId"];

    private string Today => TaipeiTime.Today(Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private string CardPath => $"/m/card?t={Uri.EscapeDataString(Links.CreateToken(LineUserId!, MemberLinkPurpose.Card))}";

    protected override async Task OnInitializedAsync()
    {
        LineUserId = Links.ReadToken(T, MemberLinkPurpose.Register);
        if (LineUserId is null)
        {
            return;
        }

        var member = await Members.FindByLineUserIdAsync(LineUserId);
        if (member?.Status == MemberStatus.Registered)
        {
            Done = member;
            return;
        }

        Terms = await TermsCatalog.GetCurrentAsync();
    }

    private async Task SubmitAsync()
    {
        if (LineUserId is null || Done is not null)
        {
            return;
        }

        var accepted = Consent == "true" ? TermsVersion : null;
        var result = await Registration.RegisterAsync(
            new RegisterMemberRequest(LineUserId, Name, Mobile, Birthday, Gender, Region, Email, accepted));
        switch (result.Outcome)
        {
            case RegistrationOutcome.Registered:
                Done = result.Member;
                JustRegistered = true;
                break;
            case RegistrationOutcome.AlreadyRegistered:
                Done = result.Member;
                break;
            default:
                Errors = result.Errors;
                Terms = await TermsCatalog.GetCurrentAsync(); // a terms-changed error shows the new text
                break;
        }
    }

    private string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    private string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
