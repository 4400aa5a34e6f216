using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Membership.Line.RichMenu;

/// <summary>
/// A plain PNG for the rich menu: one coloured block per area with a white divider. LINE takes JPEG or PNG
/// (≤ 1 MB); long runs of one colour compress to a few kilobytes, so no imaging library is needed.
/// </summary>
internal static class RichMenuImage
{
    private static readonly byte[][] Colours =
    [
        [0x06, 0xC7, 0x55], // LINE green
        [0x1E, 0x88, 0xE5],
        [0xFB, 0x8C, 0x00],
        [0x8E, 0x24, 0xAA],
    ];

    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Render(int width, int height, int blocks)
    {
        var row = new byte[1 + (width * 3)]; // filter byte 0 (none), then RGB
        var blockWidth = width / blocks;
        for (var x = 0; x < width; x++)
        {
            var block = Math.Min(x / blockWidth, blocks - 1);
            var divider = x % blockWidth < 4 && block > 0;
            var colour = divider ? [0xFF, 0xFF, 0xFF] : Colours[block % Colours.Length];
            colour.CopyTo(row, 1 + (x * 3));
        }

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", pixels.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, data));
        png.Write(number);
    }

    internal static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
