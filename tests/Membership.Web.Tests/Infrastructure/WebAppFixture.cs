using Membership.Testing.Web;

namespace Membership.Web.Tests.Infrastructure;

public sealed class MembershipWebFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : MembershipWebFactory<Program>(connectionString, settings);

public sealed class WebAppFixture : WebAppFixture<Program>;
