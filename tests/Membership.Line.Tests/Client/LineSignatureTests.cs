using System.Text;
using Membership.Line.Client;

namespace Membership.Line.Tests.Client;

public sealed class LineSignatureTests
{
    // LINE's documented example (docs/verify-webhook-signature), re-computed with openssl.
    private const string Body = """{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}""";
    private const string Secret = "8c570fa6dd201bb328f1c1eac23a96d8";
    private const string Signature = "GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=";

    [Fact]
    public void Computes_the_signature_of_LINE_documented_example()
    {
        Assert.Equal(Signature, LineSignature.Compute(Secret, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Accepts_LINE_documented_example()
    {
        Assert.True(LineSignature.IsValid(Secret, Encoding.UTF8.GetBytes(Body), Signature));
    }

    [Fact]
    public void Rejects_a_signature_made_with_another_secret()
    {
        var forged = LineSignature.Compute("00000000000000000000000000000000", Encoding.UTF8.GetBytes(Body));

        Assert.False(LineSignature.IsValid(Secret, Encoding.UTF8.GetBytes(Body), forged));
    }

    [Fact]
    public void Rejects_a_body_with_one_flipped_byte()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        body[20] ^= 0x01;

        Assert.False(LineSignature.IsValid(Secret, body, Signature));
    }

    [Fact]
    public void Rejects_a_signature_with_one_flipped_bit()
    {
        var bytes = Convert.FromBase64String(Signature);
        bytes[^1] ^= 0x01;

        Assert.False(LineSignature.IsValid(Secret, Encoding.UTF8.GetBytes(Body), Convert.ToBase64String(bytes)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDA==")] // 31 bytes: a truncated signature
    public void Rejects_a_missing_empty_or_malformed_signature(string? signature)
    {
        Assert.False(LineSignature.IsValid(Secret, Encoding.UTF8.GetBytes(Body), signature));
    }
}
