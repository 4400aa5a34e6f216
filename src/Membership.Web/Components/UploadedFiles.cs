using Microsoft.AspNetCore.Components.Forms;

namespace Membership.Web.Components;

public static class UploadedFiles
{
    /// <summary>The whole file in memory (kept between an import's preview and the import itself).</summary>
    public static async Task<byte[]> ReadAllAsync(IBrowserFile file, long maxBytes)
    {
        using var buffer = new MemoryStream((int)Math.Min(file.Size, maxBytes));
        await using (var upload = file.OpenReadStream(maxBytes))
        {
            await upload.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }
}
