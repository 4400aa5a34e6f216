using Membership.Shared.Csv;

namespace Membership.Shared.Tests.Csv;

public sealed class CsvReaderTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string text)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in CsvReader.ReadAsync(new StringReader(text)))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task Plain_fields_are_split_on_commas_and_lines_are_numbered_from_one()
    {
        var records = await ReadAsync("姓名,手機\n王小明,0912345678\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["王小明", "0912345678"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var records = await ReadAsync("a,b\r\n\"台北, 信義\",\"他說 \"\"你好\"\"\"\r\n\"兩\r\n行\",x\r\nlast,y");

        Assert.Equal(["台北, 信義", "他說 \"你好\""], records[1].Fields);
        Assert.Equal(["兩\r\n行", "x"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal(5, records[3].Line); // the quoted line break counts as a line of the file
    }

    [Fact]
    public async Task A_byte_order_mark_crlf_endings_and_blank_lines_are_ignored()
    {
        var records = await ReadAsync("\uFEFF姓名,手機\r\n\r\n王,0912\r\n");

        Assert.Equal(["姓名", "手機"], records[0].Fields);
        Assert.Equal(["王", "0912"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public async Task Empty_fields_and_a_last_line_without_a_break_are_kept()
    {
        var records = await ReadAsync("a,,\"\"\nb,c,d");

        Assert.Equal(["a", "", ""], records[0].Fields);
        Assert.Equal(["b", "c", "d"], records[1].Fields);
    }

    [Fact]
    public async Task A_file_longer_than_the_read_buffer_is_read_whole()
    {
        var text = "h\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"\"row,{i}\"\n"));

        var records = await ReadAsync(text);

        Assert.Equal(20_001, records.Count);
        Assert.Equal("row,19999", records[^1].Fields[0]);
        Assert.Equal(20_001, records[^1].Line);
    }
}
