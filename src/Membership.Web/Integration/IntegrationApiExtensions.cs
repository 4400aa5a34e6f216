using Membership.Contracts.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Membership.Web.Integration;

internal static class IntegrationApiExtensions
{
    public const string DocumentName = "v1";

    /// <summary>API-key authentication and the <see cref="IntegrationApi.Policy"/> policy, the demo key, the OpenAPI document.</summary>
    public static IServiceCollection AddIntegrationApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(IntegrationApi.Scheme, "API key", configureOptions: null);
        // Only the API-key scheme: a staff cookie does not open the API, and a missing key is a 401, not a login redirect.
        services.AddAuthorizationBuilder()
            .AddPolicy(IntegrationApi.Policy, policy => policy.AddAuthenticationSchemes(IntegrationApi.Scheme).RequireAuthenticatedUser()
                .RequireClaim(IntegrationApi.ScopeClaim, IntegrationApi.PosScope))
            .AddPolicy(IntegrationApi.MarketingPolicy, policy => policy.AddAuthenticationSchemes(IntegrationApi.Scheme).RequireAuthenticatedUser()
                .RequireClaim(IntegrationApi.ScopeClaim, IntegrationApi.MarketingScope))
            .AddPolicy(IntegrationApi.SupportPolicy, policy => policy.AddAuthenticationSchemes(IntegrationApi.Scheme).RequireAuthenticatedUser()
                .RequireClaim(IntegrationApi.ScopeClaim, IntegrationApi.SupportScope));
        services.AddScoped<ApiKeyDirectory>();
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService<DemoApiKeySeeder>();

        services.AddOpenApi(DocumentName, openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Membership integration API";
                document.Info.Description = $"For POS and ERP systems. Every call needs an API key (created by an Owner under Settings > API keys) in the {IntegrationApi.HeaderName} header. Keys carry scopes: pos (purchases, members, points) and marketing (tags, scoring, segments); a call outside the key's scopes gets 403.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[IntegrationApi.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = IntegrationApi.HeaderName,
                    Description = "An API key such as mbr_…; shown once when an Owner creates it.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(IntegrationApi.Scheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and its Scalar page at <c>/scalar/v1</c>, open to anyone: docs only.</summary>
    public static WebApplication MapIntegrationApiDocs(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(scalar => scalar
                .WithTitle("Membership integration API")
                .AddPreferredSecuritySchemes(IntegrationApi.Scheme))
            .AllowAnonymous();
        return app;
    }
}
