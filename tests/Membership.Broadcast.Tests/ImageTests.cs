using System.Buffers.Binary;
using System.Text;
using Membership.Broadcast.Images;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Broadcast.Tests;

/// <summary>Campaign images: JPEG and PNG of at most 1 MB, recognised from their bytes; anything else is refused and nothing is stored.</summary>
public sealed class ImageTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task A_png_is_stored_with_its_size_and_an_https_url_and_other_files_are_refused()
    {
        var png = Png(1040, 1040);

        var stored = await Broadcast.UploadImageAsync(new MemoryStream(png), "marketer@test");
        var text = await Broadcast.UploadImageAsync(new MemoryStream(Encoding.UTF8.GetBytes("not an image, whatever its name says")), "marketer@test");
        var large = await Broadcast.UploadImageAsync(new MemoryStream([.. png, .. new byte[CampaignImages.MaxBytes]]), "marketer@test");
        var huge = await Broadcast.UploadImageAsync(new MemoryStream(Png(20_000, 10)), "marketer@test");

        Assert.NotNull(stored.Image);
        Assert.Equal(("image/png", 1040, 1040, png.Length), (stored.Image.ContentType, stored.Image.Width, stored.Image.Height, stored.Image.Bytes));
        Assert.Equal($"https://crm.test.example/media/campaign-images/{stored.Image.Id}", stored.Image.Url);
        Assert.Contains("JPEG and PNG", text.Error, StringComparison.Ordinal);
        Assert.Contains("1024 KB", large.Error, StringComparison.Ordinal);
        Assert.Contains("20000×10", huge.Error, StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync("SELECT count(*) FROM broadcast_images"));
    }

    [Fact]
    public void A_jpeg_is_read_from_its_start_of_frame_marker()
    {
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 600 and width 800.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. new byte[14], 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03, 0, 0, 0, 0, 0, 0];

        var probed = CampaignImages.Probe(jpeg);

        Assert.Equal(new CampaignImages.ProbedImage("image/jpeg", 800, 600), probed);
        Assert.Null(CampaignImages.Probe([0xFF, 0xD8, 0x00]));
    }

    // The PNG signature and an IHDR chunk: what LINE and the probe read for the format and size.
    private static byte[] Png(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)height);
        bytes[24] = 8;
        bytes[25] = 6;
        return bytes;
    }
}
