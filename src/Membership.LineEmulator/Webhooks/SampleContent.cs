namespace Membership.LineEmulator.Webhooks;

/// <summary>Content for a simulated media message sent without bytes: a 1×1 PNG, or a few bytes of the media's kind.</summary>
internal static class SampleContent
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static byte[] For(string type) => type == "image" ? Png : System.Text.Encoding.UTF8.GetBytes($"sample {type} content");

    public static string TypeOf(string type) => type switch
    {
        "image" => "image/png",
        "video" => "video/mp4",
        "audio" => "audio/m4a",
        _ => "application/octet-stream",
    };
}
