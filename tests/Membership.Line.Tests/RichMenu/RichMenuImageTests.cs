using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Membership.Line.RichMenu;

namespace Membership.Line.Tests.RichMenu;

public sealed class RichMenuImageTests
{
    [Fact]
    public void The_image_is_a_valid_png_of_the_menu_size_well_under_lines_one_megabyte_limit()
    {
        var png = RichMenuImage.Render(2500, 843, 4);

        Assert.True(png.Length < 1_000_000, $"{png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var chunks = Chunks(png).ToList();
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.All(chunks, c => Assert.Equal(c.Crc, RichMenuImage.Crc32(Encoding.ASCII.GetBytes(c.Type), c.Data)));
        Assert.Equal(2500, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        Assert.Equal(843, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4)));

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress))
        {
            zlib.CopyTo(pixels);
        }

        var raw = pixels.ToArray();
        Assert.Equal(843 * (1 + (2500 * 3)), raw.Length);
        Assert.Equal([0x06, 0xC7, 0x55], raw[1..4]); // first block: LINE green
        var lastPixel = 1 + (2499 * 3);
        Assert.NotEqual(raw[1..4], raw[lastPixel..(lastPixel + 3)]); // the last block has another colour
    }

    [Fact]
    public void The_crc_is_the_png_crc32()
    {
        Assert.Equal(0xAE426082u, RichMenuImage.Crc32(Encoding.ASCII.GetBytes("IEND"), []));
    }

    private static IEnumerable<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png[(offset + 8)..(offset + 8 + length)];
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            yield return (type, data, crc);
            offset += 12 + length;
        }
    }
}
